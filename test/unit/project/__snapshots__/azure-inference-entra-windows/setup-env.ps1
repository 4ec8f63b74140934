# Sets the environment variables example.ts reads, for this PowerShell session.
# Run it with:  .\setup-env.ps1
# If PowerShell says running scripts is disabled on this system, allow scripts for this session only, then run it:
#   Set-ExecutionPolicy -Scope Process -ExecutionPolicy Bypass

$env:AZURE_OPENAI_CHAT_ENDPOINT = 'https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini'
$env:AZURE_OPENAI_CHAT_DEPLOYMENT = 'gpt-4o-mini'
# Microsoft Entra ID: no key. Sign in once with `az login`; your identity needs the
# "Cognitive Services OpenAI User" role on the resource.
Write-Host 'Set AZURE_OPENAI_CHAT_ENDPOINT and AZURE_OPENAI_CHAT_DEPLOYMENT. Authentication uses Microsoft Entra ID (az login).'
