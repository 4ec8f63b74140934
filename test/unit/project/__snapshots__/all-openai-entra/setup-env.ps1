# Sets the environment variables this project reads, for this PowerShell session.
# Run it with:  .\setup-env.ps1
# If PowerShell says running scripts is disabled on this system, allow scripts for this session only, then run it:
#   Set-ExecutionPolicy -Scope Process -ExecutionPolicy Bypass

$env:AZURE_OPENAI_CHAT_ENDPOINT = 'https://contoso.openai.azure.com/openai/v1/'
$env:AZURE_OPENAI_CHAT_DEPLOYMENT = 'gpt-4o-mini'
# Microsoft Entra ID: no key. Sign in once with `az login`; your identity needs the
# "Cognitive Services OpenAI User" role on the resource. AZURE_TOKEN_CREDENTIALS=dev lets DefaultAzureCredential use
# only your sign-in (Azure CLI, azd, ...), never a managed identity; where it is already set, it is kept.
if (-not $env:AZURE_TOKEN_CREDENTIALS) { $env:AZURE_TOKEN_CREDENTIALS = 'dev' }
Write-Host "Set AZURE_OPENAI_CHAT_ENDPOINT, AZURE_OPENAI_CHAT_DEPLOYMENT and AZURE_TOKEN_CREDENTIALS=$($env:AZURE_TOKEN_CREDENTIALS). Authentication uses Microsoft Entra ID (az login)."
