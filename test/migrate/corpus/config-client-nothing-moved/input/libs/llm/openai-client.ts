import OpenAI, { ClientOptions } from 'openai';

export interface ProviderConfig { apiKey?: string; baseURL?: string }

export const makeClient = (config: ProviderConfig) => {
  const opts: ClientOptions = {};
  opts.apiKey = config.apiKey;
  if (config.baseURL) opts.baseURL = config.baseURL;
  return new OpenAI(opts);
};
