# Sets the environment variables this project reads, for this PowerShell session.
# Run it with:  .\setup-env.ps1
# If PowerShell says running scripts is disabled on this system, allow scripts for this session only, then run it:
#   Set-ExecutionPolicy -Scope Process -ExecutionPolicy Bypass

$env:AZURE_OPENAI_CHAT_ENDPOINT = 'https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini'
$env:AZURE_OPENAI_CHAT_DEPLOYMENT = 'gpt-4o-mini'

if (-not $env:AZURE_OPENAI_CHAT_KEY) {
    $secureKey = Read-Host -AsSecureString -Prompt 'Azure OpenAI API key (from Keys and Endpoint in the Azure portal; input hidden)'
    $env:AZURE_OPENAI_CHAT_KEY = [System.Net.NetworkCredential]::new('', $secureKey).Password
}
if ($env:AZURE_OPENAI_CHAT_KEY) {
    Write-Host 'Set AZURE_OPENAI_CHAT_ENDPOINT, AZURE_OPENAI_CHAT_DEPLOYMENT and AZURE_OPENAI_CHAT_KEY (hidden).'
} else {
    Write-Warning 'AZURE_OPENAI_CHAT_KEY is still empty.'
}
