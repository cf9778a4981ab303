#!/usr/bin/env bash
# Serves dist/ with real nginx (Debian package) using deploy/nginx-site.conf unchanged except for
# the root folder and port, in the foreground, until Playwright stops it.
#   tests/e2e/nginx.sh PORT [ROOT]   (ROOT: the folder to serve, dist/ by default)
set -euo pipefail
port=${1:-8181}
repo=$(cd "$(dirname "$0")/../.." && pwd)
root=${2:-$repo/dist}
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
work=$(mktemp -d /tmp/outcomes-nginx.XXXXXX)
mkdir -p "$work/logs" "$work/temp"
sed -e "s#listen 127.0.0.1:8080;#listen 127.0.0.1:$port;#" \
    -e "s#root /srv/outcomes-dashboard;#root $root;#" \
    "$repo/deploy/nginx-site.conf" > "$work/site.conf"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat > "$work/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path $work/temp/body;
    proxy_temp_path $work/temp/proxy;
    fastcgi_temp_path $work/temp/fastcgi;
    uwsgi_temp_path $work/temp/uwsgi;
    scgi_temp_path $work/temp/scgi;
    sendfile on;
    include $work/site.conf;
}
CONF
"$nginx_bin" -t -q -p "$work" -c "$work/nginx.conf"
exec "$nginx_bin" -p "$work" -c "$work/nginx.conf" -g 'daemon off;'
