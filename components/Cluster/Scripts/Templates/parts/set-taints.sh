kubectl taint node "$node" --overwrite @@TAINTS@@ >/dev/null
