/** What a pasted endpoint's path says: a resource's base, the v1 API, or the guide's deployment URL. */
export type EndpointForm = "base" | "v1" | "deployments";
export interface EndpointShape {
    /** Scheme, host and any gateway path prefix, without a trailing slash: https://contoso.openai.azure.com */
    readonly base: string;
    readonly form: EndpointForm;
    /** The deployment named in the path (/openai/deployments/<name>), decoded. */
    readonly deployment?: string;
    /** What was dropped from the path, to tell the user. */
    readonly notes: readonly string[];
}
/**
 * The shape of an endpoint URL, from its origin and path (the query is the caller's): the forms Azure's portal and
 * docs show, https://<r>.openai.azure.com/, <r>.cognitiveservices.azure.com/, <r>.services.ai.azure.com/ (with
 * /models or /api/projects/<p>), .../openai/v1/, .../openai/deployments/<d>, and a Target URI ending in
 * /chat/completions or /responses. A path it cannot place is refused: `{ refused }` says what to give instead.
 */
export declare function endpointShape(url: URL): EndpointShape | {
    readonly refused: string;
};
/** The URL each SDK takes: the v1 API's base URL (openai), or the deployment's URL (azure-inference). */
export declare function sdkEndpoint(sdk: "openai" | "azure-inference", base: string, deployment: string): string;
