# write_file PATH MODE CONTENT: writes PATH (through a temporary file beside it, renamed over it) only where its content
# differs, and sets "changed" when it wrote; an unchanged file only gets its mode. So a second run changes nothing.
write_file() {
  tmp="$(mktemp "$1.XXXXXX")"
  printf '%s' "$3" >"$tmp"
  chmod "$2" "$tmp"
  if [ -f "$1" ] && cmp -s "$tmp" "$1"; then
    rm -f "$tmp"
    chmod "$2" "$1"
  else
    mv -f "$tmp" "$1"
    changed=yes
  fi
}
