# shellcheck shell=bash
# Part of tools/toolchain.sh (sourced by it for `--for demo`): finds a Pulumi the user installed
# and decides whether the demo may use it instead of building the pinned one.
#
# A pulumi on PATH (outside this toolchain's cache) is used when `pulumi version` says v3 at or
# above the pin. Its YAML host is used when it sits beside that pulumi (the installer bundles it
# with the CLI) or on PATH, and its Go build information (`go version -m`) names a pulumi-yaml at
# or above the YAML pin; a host without that information is used only when it is the one bundled
# beside the accepted pulumi. Whatever is not used is built at its pin.
#
# Uses from toolchain.sh: PULUMI_VERSION, YAML_VERSION, cache_root, bin_dir, tier_dir, say, die.

# version_at_least HAVE WANT: both vMAJOR.MINOR.PATCH[-pre]; true when HAVE >= WANT, same major.
version_at_least() {
  local have=${1#v} want=${2#v}
  [[ $have =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || return 1
  [[ ${have%%.*} == "${want%%.*}" ]] || return 1
  [[ $(printf '%s\n%s\n' "$want" "${BASH_REMATCH[0]}" | sort -V | head -n 1) == "$want" ]]
}

# PATH without this toolchain's own directories, so that only what the user installed is found.
path_without_cache() {
  local entry out=""
  IFS=: read -r -a entries <<<"$PATH"
  for entry in "${entries[@]}"; do
    [[ -z $entry || $entry == "$cache_root"* ]] && continue
    out+=${out:+:}$entry
  done
  echo "$out"
}

# The version of pulumi-yaml a Go binary was built from, or nothing when it does not say.
yaml_host_version() {
  command -v go >/dev/null || return 0
  { go version -m "$1" 2>/dev/null || true; } | awk '($1 == "mod" || $1 == "dep") && $2 == "github.com/pulumi/pulumi-yaml" && $3 ~ /^v[0-9]/ { print $3 }'
}

select_installed_for_demo() {
  local search pulumi have real yaml yaml_version
  use_pulumi=""
  use_yaml=""
  search=$(path_without_cache)
  pulumi=$(PATH=$search command -v pulumi || true)
  if [[ -z $pulumi ]]; then
    say "pulumi: none installed on PATH: building $PULUMI_VERSION"
    return 0
  fi
  have=$("$pulumi" version 2>/dev/null | head -n 1 || true)
  if ! version_at_least "$have" "$PULUMI_VERSION"; then
    say "pulumi: $pulumi is ${have:-of unknown version}, not v3 at or above $PULUMI_VERSION: building $PULUMI_VERSION"
    return 0
  fi
  use_pulumi=$pulumi
  say "pulumi: using the installed $pulumi ($have, at or above the pin $PULUMI_VERSION)"

  real=$(readlink -f "$pulumi")
  yaml=$(dirname "$real")/pulumi-language-yaml
  [[ -x $yaml ]] || yaml=$(PATH=$search command -v pulumi-language-yaml || true)
  if [[ -z $yaml ]]; then
    say "pulumi-language-yaml: none beside $real or on PATH: building $YAML_VERSION"
    return 0
  fi
  yaml_version=$(yaml_host_version "$yaml")
  if [[ -n $yaml_version ]]; then
    if version_at_least "$yaml_version" "$YAML_VERSION"; then
      use_yaml=$yaml
      say "pulumi-language-yaml: using the installed $yaml ($yaml_version, at or above the pin $YAML_VERSION)"
    else
      say "pulumi-language-yaml: $yaml is $yaml_version, below the pin $YAML_VERSION: building $YAML_VERSION"
    fi
  elif [[ $(dirname "$(readlink -f "$yaml")") == "$(dirname "$real")" ]]; then
    use_yaml=$yaml
    say "pulumi-language-yaml: using $yaml, bundled with pulumi $have (it does not report its version)"
  else
    say "pulumi-language-yaml: $yaml is not beside pulumi and does not report its version: building $YAML_VERSION"
  fi
}

# link_tier DIR PULUMI YAML_HOST: DIR holds exactly these two, as links, replaced in one step so
# that a concurrent run never sees a half-written directory.
link_tier() {
  local dir=$1 next
  mkdir -p "$(dirname "$dir")"
  next=$(mktemp -d "$dir.XXXXXX")
  ln -s "$2" "$next/pulumi"
  ln -s "$3" "$next/pulumi-language-yaml"
  rm -rf "$dir.old"
  [[ -e $dir ]] && mv "$dir" "$dir.old"
  mv "$next" "$dir"
  rm -rf "$dir.old"
}

finish_demo_tier() {
  link_tier "$tier_dir" "${use_pulumi:-$bin_dir/pulumi}" "${use_yaml:-$bin_dir/pulumi-language-yaml}"
  [[ -x $tier_dir/pulumi && -x $tier_dir/pulumi-language-yaml ]] || die "$tier_dir lacks pulumi or its YAML host"
  say "demo uses $tier_dir: pulumi -> $(readlink "$tier_dir/pulumi"), pulumi-language-yaml -> $(readlink "$tier_dir/pulumi-language-yaml")"
}
