/**
 * Where /api/export is served: the export function's URL (`Resource.Export.url`). On AWS the Router sends the
 * path there before it reaches Next; under `sst dev` and locally, app/api/export/route.ts forwards to it.
 */
import { Resource } from "sst";

export function exportFunctionUrl(): string {
  return Resource.Export.url;
}
