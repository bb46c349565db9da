import type { Invocation } from "../pipeline/invocation";
import type { Services } from "../pipeline/step";
import type { IntegrationModel } from "../stack/stack-model";

/**
 * One integration type: it answers the invocation (an {@link Invocation.answer}) or fails it with the
 * gateway response API Gateway would send.
 */
export interface Integration<M extends IntegrationModel> {
  run(integration: M, invocation: Invocation, services: Services): void | Promise<void>;
}

/** Every integration type the local gateway serves, looked up by the integration's `type`. */
export type IntegrationTable = { readonly [T in IntegrationModel["type"]]: Integration<Extract<IntegrationModel, { type: T }>> };
