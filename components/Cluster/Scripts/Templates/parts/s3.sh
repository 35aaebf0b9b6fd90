# S3 requests with curl's own SigV4 signing. curl signs a payload hash it is given (the x-amz-content-sha256 header,
# which S3 requires) from 7.87 on (curl/curl#9804); earlier releases, like Ubuntu 22.04's 7.81, sign none, so S3 refuses
# their requests. The credentials are in a root-only curl config file ($s3_config, read with --config), never on a
# command line, and curl prints no request headers. s3_connect (the target's part) sets s3_url, s3_config and s3_tls.
s3_empty_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
s3_check_curl() {
  read -r s3_major s3_minor <<<"$(curl --version | sed -n '1s/^curl \([0-9]*\)\.\([0-9]*\)\..*/\1 \2/p')"
  if [ -z "${s3_minor:-}" ] || [ "$s3_major" -lt 7 ] || { [ "$s3_major" -eq 7 ] && [ "$s3_minor" -lt 87 ]; }; then
    echo "curl ${s3_major:-?}.${s3_minor:-?} cannot sign S3 requests (it signs no x-amz-content-sha256): curl 7.87 or later is needed (Ubuntu 24.04, Flatcar)" >&2
    return 1
  fi
}
# s3_request METHOD PATH PAYLOAD_SHA256 [CURL_ARGUMENTS...]: the response on standard output; S3's error and a failure
# when it answers with one.
s3_request() {
  s3_method="$1"
  s3_path="$2"
  s3_sha256="$3"
  shift 3
  curl --silent --show-error --fail-with-body --retry 3 --config "$s3_config" ${s3_tls[@]+"${s3_tls[@]}"} \
    --aws-sigv4 "aws:amz:@@S3_REGION@@:s3" -H "x-amz-content-sha256: $s3_sha256" --request "$s3_method" "$@" "$s3_url$s3_path"
}
s3_put() {
  s3_request PUT "/$2" "$(sha256sum "$1" | cut -d ' ' -f 1)" --upload-file "$1" >/dev/null
}
s3_get() {
  s3_request GET "/$1" "$s3_empty_sha256" --output "$2"
}
s3_delete() {
  s3_request DELETE "/$1" "$s3_empty_sha256" >/dev/null
}
# A query parameter's value as SigV4 canonicalises it: every byte but A-Z a-z 0-9 - . _ ~ percent-encoded.
s3_encode() {
  s3_encoded=""
  s3_rest="$1"
  while [ -n "$s3_rest" ]; do
    s3_char="${s3_rest:0:1}"
    s3_rest="${s3_rest:1}"
    case "$s3_char" in
      [A-Za-z0-9._~-]) s3_encoded+="$s3_char" ;;
      *) s3_encoded+="$(printf '%%%02X' "'$s3_char")" ;;
    esac
  done
  printf '%s' "$s3_encoded"
}
# The keys under a prefix (ListObjectsV2, page after page: S3 answers at most 1000 at a time), oldest names first, one
# a line. The query is written as SigV4 canonicalises it: parameters sorted, their values encoded.
s3_list() {
  s3_token=""
  while :; do
    s3_query="list-type=2&prefix=$(s3_encode "$1")"
    if [ -n "$s3_token" ]; then s3_query="continuation-token=$(s3_encode "$s3_token")&$s3_query"; fi
    s3_listing="$(s3_request GET "/?$s3_query" "$s3_empty_sha256")" || return 1
    printf '%s\n' "$s3_listing" | grep -o '<Key>[^<]*</Key>' | sed 's|^<Key>\(.*\)</Key>$|\1|' || true
    case "$s3_listing" in
      *"<IsTruncated>true</IsTruncated>"*) ;;
      *) return 0 ;;
    esac
    s3_token="$(printf '%s\n' "$s3_listing" | sed -n 's|.*<NextContinuationToken>\([^<]*\)</NextContinuationToken>.*|\1|p' | sed -n 1p)"
    if [ -z "$s3_token" ]; then
      echo "the listing of $1 is cut off but names no continuation token" >&2
      return 1
    fi
  done
}
