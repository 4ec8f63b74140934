#!/usr/bin/env bash
# shellcheck shell=bash
# Sets the environment variables example.ts reads, in the current shell (bash or zsh).
# Load it with:  source ./setup-env.sh
# Running it as ./setup-env.sh would set them in a child shell that ends at once, so that is refused.

if [ -n "${BASH_VERSION:-}" ] && [ "${BASH_SOURCE[0]}" = "$0" ]; then
  echo "setup-env.sh must be sourced, not run: source ./setup-env.sh" >&2
  exit 1
fi

export AZURE_OPENAI_CHAT_ENDPOINT='https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini'
export AZURE_OPENAI_CHAT_DEPLOYMENT='gpt-4o-mini'
# Microsoft Entra ID: no key. Sign in once with `az login`; your identity needs the
# "Cognitive Services OpenAI User" role on the resource.
echo "Set AZURE_OPENAI_CHAT_ENDPOINT and AZURE_OPENAI_CHAT_DEPLOYMENT. Authentication uses Microsoft Entra ID (az login)." >&2
