// The --help text: the command line contract, kept in step with README.md by a test.

export const HELP = `Create a TypeScript project that calls an Azure OpenAI chat deployment.

Usage:
  npm create azure-inference-app@latest [directory] -- [options]
  create-azure-inference-app [directory] [options]

In a terminal it asks for what the options do not give. Without one (or with CI set, --yes or --json) it
never asks: a missing value is an error, or a default with --yes.

Azure:
  --resource <name>          Azure OpenAI resource name: the <name> in <name>.openai.azure.com
  --deployment <name>        model deployment name (case-sensitive)
  --endpoint <url>           instead of --resource: a full https endpoint (custom domain, gateway, sovereign
                             cloud, or the portal's Target URI; /chat/completions and the query are dropped)
  --sdk <flavour>            azure-inference (default; the guide's SDK, retired by Microsoft on 2026-08-26)
                             or openai (the supported OpenAI SDK on Azure's v1 API)
  --auth <method>            key (default: API key, as in the guide) or entra (Microsoft Entra ID, keyless)
  --api-version <version>    azure-inference only; default 2024-06-01 (the guide's)
  --verify                   with a signed-in Azure CLI (az), check that the resource and deployment exist
                             before writing anything (in a terminal, az offers your resources to pick from)
  --api-key-stdin            read the API key from standard input and save it to .env (git-ignored, mode
                             0600); AZURE_OPENAI_CHAT_KEY in the environment is used the same way. No flag
                             takes the key itself: it would show in the process list and shell history

Project:
  --os <os>                  which env setup scripts to write: windows, linux, macos or all
                             (default: the OS this runs on)
  --package-manager <pm>     npm, pnpm, yarn or bun (default: the one that started this, else npm)
  --no-install               do not install dependencies
  --no-git                   do not make a git repository (default: git init and a first commit when git
                             is installed and the folder is not inside a repository; --git to force)
  --overwrite                allow a non-empty directory: replaces files of the same name, deletes nothing
  --template <source>        your own template over the built-in one: a folder, github:org/repo/path#ref,
                             gitlab:..., or an https tarball URL (see README: Custom templates)
  --var <name=value>         a value for a variable the custom template declares (repeatable)

Run:
  -y, --yes                  no questions: defaults for everything not given, placeholders for the
                             resource and deployment
  --dry-run                  print what would be written and run; write and run nothing
  --json                     print one JSON result object on stdout; human text goes to stderr
  -h, --help                 show this help
  -v, --version              show the version

Example:
  npm create azure-inference-app@latest my-app -- --resource contoso --deployment gpt-4o-mini --os all

Exit codes: 0 done, 1 failed while running (the project is kept), 2 bad or missing input (nothing written),
130 cancelled.
`;
