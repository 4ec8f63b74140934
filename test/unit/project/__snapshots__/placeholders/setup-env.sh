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

export AZURE_OPENAI_CHAT_ENDPOINT='https://<your-resource-name>.openai.azure.com/openai/v1/'
export AZURE_OPENAI_CHAT_DEPLOYMENT='<your-deployment-name>'

if [ -z "${AZURE_OPENAI_CHAT_KEY:-}" ]; then
  if [ -t 0 ]; then
    printf '%s' "Azure OpenAI API key (from Keys and Endpoint in the Azure portal; input hidden): " >&2
    IFS= read -r -s AZURE_OPENAI_CHAT_KEY
    printf '\n' >&2
    export AZURE_OPENAI_CHAT_KEY
  else
    echo "AZURE_OPENAI_CHAT_KEY is not set: export it before sourcing this script." >&2
  fi
fi
if [ -n "${AZURE_OPENAI_CHAT_KEY:-}" ]; then
  echo "Set AZURE_OPENAI_CHAT_ENDPOINT, AZURE_OPENAI_CHAT_DEPLOYMENT and AZURE_OPENAI_CHAT_KEY (hidden)." >&2
else
  echo "Set AZURE_OPENAI_CHAT_ENDPOINT and AZURE_OPENAI_CHAT_DEPLOYMENT; AZURE_OPENAI_CHAT_KEY is still empty." >&2
fi
