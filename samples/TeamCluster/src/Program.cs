using Pulumi;
using TeamCluster;

return await Deployment.RunAsync<TeamClusterStack>();
