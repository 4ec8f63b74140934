// The Microsoft Entra credential: your own sign-in on your machine, the app's identity in Azure. Nothing needs setting
// in either place, except on a VM (where nothing announces the managed identity): README.md, "Microsoft Entra ID".
import {
  AzureCliCredential,
  AzureDeveloperCliCredential,
  AzurePowerShellCredential,
  ChainedTokenCredential,
  DefaultAzureCredential,
  type TokenCredential,
} from "@azure/identity";

/**
 * Variables Azure sets where it gives a process an identity: App Service, Functions and Container Apps
 * (IDENTITY_ENDPOINT, MSI_ENDPOINT), AKS workload identity (AZURE_FEDERATED_TOKEN_FILE); and a service principal's.
 */
const ANNOUNCED = ["IDENTITY_ENDPOINT", "MSI_ENDPOINT", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH"];

/**
 * AZURE_TOKEN_CREDENTIALS set (dev, prod, or one credential's name): DefaultAzureCredential takes what it names, and
 * refuses a value it does not know. An identity Azure announces: DefaultAzureCredential finds it. Otherwise your own
 * sign-in (Azure CLI, Azure Developer CLI, Azure PowerShell) and nothing else: the full DefaultAzureCredential chain
 * would first ask the cloud metadata address (169.254.169.254), which a developer machine does not answer.
 */
export function createCredential(env: NodeJS.ProcessEnv = process.env): TokenCredential {
  if (env["AZURE_TOKEN_CREDENTIALS"]?.trim() || ANNOUNCED.some((name) => env[name])) return new DefaultAzureCredential();
  return new ChainedTokenCredential(new AzureCliCredential(), new AzureDeveloperCliCredential(), new AzurePowerShellCredential());
}
