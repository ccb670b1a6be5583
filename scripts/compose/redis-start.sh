#!/bin/sh
# Entry of the compose redis service: writes the ACL file from REDIS_PASSWORD, then runs the rest of
# the command line (the image's docker-entrypoint.sh redis-server ..., which drops to the redis user).
#   user default off   nobody logs in without a name and password
#   user menuroom      what the web tier and socket replicas need (the same rules as the native
#                      stack, REDIS_APP_ACL in scripts/stack/redis.ts)
# The file (the path after --aclfile in the command) holds the password's SHA-256 only, in a tmpfs
# that is gone with the container.
set -eu
acl_file=""
previous=""
for argument in "$@"; do
    [ "$previous" = "--aclfile" ] && acl_file="$argument"
    previous="$argument"
done
if [ -z "$acl_file" ]; then
    echo "redis-start.sh: the redis-server command has no --aclfile" >&2
    exit 1
fi
: "${REDIS_PASSWORD:?set REDIS_PASSWORD: the menuroom Redis password, e.g. openssl rand -hex 32}"
case "$REDIS_PASSWORD" in
    *[!A-Za-z0-9._~-]*)
        echo "REDIS_PASSWORD may hold only letters, digits and . _ ~ - (it goes into REDIS_URL unescaped)" >&2
        exit 1 ;;
esac
if [ "${#REDIS_PASSWORD}" -lt 16 ]; then
    echo "REDIS_PASSWORD must be at least 16 characters long" >&2
    exit 1
fi
hash=$(printf '%s' "$REDIS_PASSWORD" | sha256sum | cut -d ' ' -f 1)
umask 022
cat > "$acl_file" <<ACL
user default off
user menuroom on #$hash ~* &* +@all -@dangerous +info +client|list +client|kill
ACL
# A cluster node (scripts/compose/cluster.yml) names a config file before its options: it gets the
# login its replicas use (the admin user, REDIS_ADMIN_PASSWORD) and the hostname it announces.
cluster_conf=""
for argument in "$@"; do
    case "$argument" in *cluster.conf) cluster_conf="$argument" ;; esac
done
if [ -n "$cluster_conf" ]; then
    : "${REDIS_ADMIN_PASSWORD:?set REDIS_ADMIN_PASSWORD: the cluster's admin and replication password}"
    case "$REDIS_ADMIN_PASSWORD" in
        *[!A-Za-z0-9._~-]*)
            echo "REDIS_ADMIN_PASSWORD may hold only letters, digits and . _ ~ -" >&2
            exit 1 ;;
    esac
    if [ "${#REDIS_ADMIN_PASSWORD}" -lt 16 ] || [ "$REDIS_ADMIN_PASSWORD" = "$REDIS_PASSWORD" ]; then
        echo "REDIS_ADMIN_PASSWORD must be at least 16 characters long and differ from REDIS_PASSWORD" >&2
        exit 1
    fi
    admin_hash=$(printf '%s' "$REDIS_ADMIN_PASSWORD" | sha256sum | cut -d ' ' -f 1)
    echo "user admin on #$admin_hash ~* &* +@all" >> "$acl_file"
    umask 077
    cat > "$cluster_conf" <<CONF
masteruser admin
masterauth $REDIS_ADMIN_PASSWORD
cluster-announce-hostname $(hostname)
CONF
    # Read by redis-server, which the image's entrypoint runs as the redis user.
    chown redis "$cluster_conf" 2>/dev/null || true
fi
exec "$@"
