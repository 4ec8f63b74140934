#!/usr/bin/env bash
# shellcheck shell=bash
# Sets the environment variables this project reads, in the current shell (bash or zsh).
# Load it with:  source ./setup-env.sh
# Running it (./setup-env.sh, or bash, zsh or sh setup-env.sh) would set them in a child shell that ends at once, so
# that is refused.

if { [ -n "${BASH_VERSION:-}" ] && [ "${BASH_SOURCE[0]}" = "$0" ]; } ||
  { [ -n "${ZSH_EVAL_CONTEXT:-}" ] && [ "${ZSH_EVAL_CONTEXT%:file}" = "$ZSH_EVAL_CONTEXT" ]; } ||
  { [ -z "${BASH_VERSION:-}${ZSH_VERSION:-}" ] && [ "${0##*/}" = setup-env.sh ]; }; then
  echo "setup-env.sh must be sourced, not run: source ./setup-env.sh" >&2
  exit 1
fi

export AZURE_OPENAI_CHAT_ENDPOINT='https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini'
export AZURE_OPENAI_CHAT_DEPLOYMENT='gpt-4o-mini'
# Microsoft Entra ID: no key. Sign in once with `az login`; your identity needs the
# "Cognitive Services OpenAI User" role on the resource. AZURE_TOKEN_CREDENTIALS=dev lets DefaultAzureCredential use
# only your sign-in (Azure CLI, azd, ...), never a managed identity; where it is already set, it is kept.
export AZURE_TOKEN_CREDENTIALS="${AZURE_TOKEN_CREDENTIALS:-dev}"
echo "Set AZURE_OPENAI_CHAT_ENDPOINT, AZURE_OPENAI_CHAT_DEPLOYMENT and AZURE_TOKEN_CREDENTIALS=$AZURE_TOKEN_CREDENTIALS. Authentication uses Microsoft Entra ID (az login)." >&2
