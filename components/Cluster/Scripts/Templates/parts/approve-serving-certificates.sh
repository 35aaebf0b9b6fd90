approve_serving_csrs() {
  kubectl get csr --no-headers \
    -o custom-columns=NAME:.metadata.name,SIGNER:.spec.signerName,USER:.spec.username,STATUS:.status.conditions \
    | awk -v user="system:node:$node" '$2 == "kubernetes.io/kubelet-serving" && $3 == user && $4 == "<none>" {print $1}'
}
for _ in $(seq 1 24); do
  pending="$(approve_serving_csrs)"
  if [ -n "$pending" ]; then
    echo "$pending" | xargs kubectl certificate approve
    break
  fi
  if kubectl get csr --no-headers -o custom-columns=SIGNER:.spec.signerName,USER:.spec.username,STATUS:.status.conditions \
    | awk -v user="system:node:$node" '$1 == "kubernetes.io/kubelet-serving" && $2 == user && $3 != "<none>" {found = 1} END {exit !found}'; then
    break
  fi
  sleep 5
done
