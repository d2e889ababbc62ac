/**
 * Paths under system folders (`/etc`, `/opt`, `/srv`, `/mnt`, `/var/lib`, `C:\ProgramData`)
 * that name someone: a customer, tenant or deployment as a folder (`/srv/acme-corp/data`,
 * `/var/lib/b3iq/tenants/globex/state.db`). A path whose folders are all well-known names
 * (`/etc/httpd/conf/workers2.properties`, `/var/lib/nova/instances/_base`) says nothing about
 * a person and is kept, so error text keeps its paths; any other becomes one `[path-n]`.
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';

/** Folder names that name software or a system's layout, never a person. */
const COMMON = new Set(
  (
    'etc lib lib64 var opt srv mnt data share local bin sbin usr run tmp log logs cache spool www html http httpd apache apache2 nginx ' +
    'conf conf.d conf-enabled conf-available sites-enabled sites-available mods-enabled mods-available ssl certs cert private keys pki tls ' +
    'ca-certificates systemd system user network netplan networkmanager cni net.d docker containerd containers volumes overlay2 image ' +
    'kubelet kubernetes k8s etcd pods manifests b3iq model models huggingface hub vllm ollama llama.cpp cloudflared postgresql postgres ' +
    'pgsql mysql mariadb redis mongodb grafana prometheus loki alertmanager app apps application backup backups snapshot snapshots db ' +
    'database databases state config configs secret secrets default defaults profile.d cron.d cron.daily cron.hourly cron.weekly logrotate.d ' +
    'init.d rc.d security sudoers.d ssh sshd_config.d apt sources.list.d yum.repos.d dpkg rpm pam.d udev rules.d modprobe.d sysctl.d ' +
    'environment fonts java jvm python python3 node node_modules site-packages dist-packages go gems ruby perl nvidia cuda drivers ' +
    'weights checkpoints datasets gguf tokenizers blobs refs snapshots xinetd.d ganglia rrds hadoop hdfs dfs yarn current nova instances ' +
    '_base glance cinder neutron keystone swift zookeeper kafka spark elasticsearch opensearch jenkins gitlab gitlab-runner registry ' +
    'letsencrypt live archive renewal acme.sh dehydrated openssl ssl.crt ssl.key nginx.conf.d selinux apparmor.d audit audisp ufw ' +
    'iptables nftables firewalld wireguard openvpn tailscale snap flatpak lxc lxd libvirt qemu images iso disks disk storage shared ' +
    'public static assets media uploads tmpfiles.d sockets plugins plugin modules module extensions addons bundles vendor releases ' +
    'release versions version bin.d resolv.conf hosts.d skel alternatives default.d microsoft windows programdata b3iq-operator ' +
    'chocolatey package packages nuget npm pip conda miniconda3 anaconda3 venv venvs env envs home root export nfs ext wsl c d e ' +
    'usb cdrom media0 raid md0 nvme nvme0n1 ssd hdd pool tank zfs volume0 vol1 vol0 dev test prod staging ' +
    'unspecified subdir nodemanager usercache appcache filecache tenants customers clients users accounts orgs organizations'
  ).split(/\s+/),
);
/** `subdir34`, `version-2`, `node-7`, `2026-11-29`, hex digests: numbered or generated, no name. */
const NUMBERED_RE = /^(.*?)[-_.]?\d+$/;
const GENERATED_RE = /^(?:[0-9a-f]{12,}|[0-9a-f]{8}-[0-9a-f]{4}-.*|v?\d[\d._-]*|.*\d{6,}.*)$/i;
/** Longer paths are not read folder by folder (a pseudonym costs less than the check). */
const PATH_READ_MAX = 1024;
/** A file name: a stem and a short extension. */
const FILE_RE = /^[^.]+(?:\.[A-Za-z0-9]{1,12})+$/;

export function commonName(seg: string): boolean {
  const s = seg.toLowerCase();
  if (COMMON.has(s) || GENERATED_RE.test(s)) return true;
  const n = NUMBERED_RE.exec(s);
  return n !== null && (n[1] === '' || COMMON.has(n[1] as string));
}

const SYSTEM_PATH_RE = /(?<![\w.~-])(?:\/(?:etc|opt|srv|mnt|var\/lib)|[A-Za-z]:\\{1,4}ProgramData)(?:(?:\/|\\{1,4})[^\s/\\"'<>|,;:*?)\]}`]+)+/g;

export function systemPath(eng: RuleHost, m: Match): HandlerResult {
  let path = m[0];
  while (path.length > 1 && '.\\'.includes(path[path.length - 1] as string)) path = path.slice(0, -1);
  if (path.length > PATH_READ_MAX) return [eng.pseudo('path', path), m.index + path.length];
  const segs = path.split(/[/\\]+/).filter((s) => s !== '' && !s.endsWith(':'));
  const last = segs.length - 1;
  // the root and every folder well known; the last part may also be any file name
  // (a `*.d` folder holds snippets named after what they configure: `/etc/xinetd.d/chargen`)
  const named = segs.some((s, i) => !(commonName(s) || (i === last && i > 1 && (FILE_RE.test(s) || (segs[i - 1] as string).endsWith('.d')))));
  return named ? [eng.pseudo('path', path), m.index + path.length] : [path, m.index + path.length];
}

export const SYSTEM_PATH_RULE: Rule = {
  needs: { lits: ['/etc/', '/opt/', '/srv/', '/mnt/', '/var/lib/', 'ProgramData'] },
  gate: (l) => l.includes('/etc/') || l.includes('/opt/') || l.includes('/srv/') || l.includes('/mnt/') || l.includes('/var/lib/') || l.includes('ProgramData'),
  re: SYSTEM_PATH_RE,
  handle: systemPath,
};
