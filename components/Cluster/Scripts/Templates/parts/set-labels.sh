kubectl label node "$node" --overwrite @@LABELS@@ >/dev/null
