/** The MCP client's own key for the upstream API, from the configured header ("Bearer x" or a bare key). */
export function clientKey(headers: Headers, header: string | undefined): string | undefined {
  if (!header) return undefined;
  const value = headers.get(header)?.trim();
  if (!value) return undefined;
  return value.replace(/^bearer\s+/i, '') || undefined;
}
