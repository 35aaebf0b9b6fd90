# The cluster's kubeadm-config and kubelet-config ConfigMaps, from this node's kubeadm configuration at the version the
# cluster runs (kubeadm's upload-config phases, as kubeadm's "Reconfiguring a kubeadm cluster" has them edited), when
# what they were last uploaded from (recorded on kubeadm-config by init and by this step) is not this configuration.
uploaded="$(kubectl -n kube-system get configmap kubeadm-config -o jsonpath='{.metadata.annotations.@@UPLOADED_CONFIGURATION_ANNOTATION@@}')"
wanted="$(configuration_digest @@KUBEADM_CONFIG@@)"
if [ "$uploaded" = "$wanted" ]; then
  echo "the cluster's kubeadm-config and kubelet-config are current"
else
  kubeadm init phase upload-config kubeadm --config "$running_config"
  kubeadm init phase upload-config kubelet --config "$running_config"
  kubectl -n kube-system annotate configmap kubeadm-config --overwrite "@@UPLOADED_CONFIGURATION_ANNOTATION@@=$wanted" >/dev/null
  echo "the cluster's kubeadm-config and kubelet-config uploaded"
fi
