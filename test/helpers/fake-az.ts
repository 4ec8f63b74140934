// A fake Azure CLI for Microsoft Entra ID tests: answers `az account get-access-token` with a fixed token, so
// DefaultAzureCredential (limited to AzureCliCredential by AZURE_TOKEN_CREDENTIALS) never reaches the cloud.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes `az` into `dir/bin` and returns that folder, for PATH. Each call's arguments are appended to `dir/az.log`. */
export async function makeFakeAz(dir: string, token: string): Promise<{ bin: string; log: string }> {
  const bin = join(dir, 'bin');
  const log = join(dir, 'az.log');
  await mkdir(bin, { recursive: true });
  const script = `#!/bin/sh
printf '%s\\n' "$*" >> '${log}'
case "$*" in
  "account get-access-token --output json --resource "*)
    expires=$(( $(date +%s) + 3600 ))
    printf '{"accessToken":"%s","expiresOn":"2099-01-01 00:00:00.000000","expires_on":%s,"tokenType":"Bearer"}\\n' '${token}' "$expires"
    ;;
  *)
    echo "ERROR: fake az does not know: $*" >&2
    exit 2
    ;;
esac
`;
  await writeFile(join(bin, 'az'), script, { mode: 0o755 });
  return { bin, log };
}
