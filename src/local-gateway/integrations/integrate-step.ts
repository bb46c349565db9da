import type { Step } from "../pipeline/step";
import { awsProxyIntegration } from "./aws-proxy";
import type { IntegrationModel } from "../stack/stack-model";
import type { Integration, IntegrationTable } from "./integration";
import { mockIntegration } from "./mock";

/** The integrations by type; the stack parser refuses any other type at start-up. */
export const INTEGRATIONS: IntegrationTable = {
  AWS_PROXY: awsProxyIntegration,
  MOCK: mockIntegration,
};

/** Integrate: the method's integration, looked up by type, answers the request. */
export const integrateStep: Step = {
  name: "integrate",
  run(invocation, services) {
    const integration = invocation.method?.integration;
    if (integration === undefined) {
      return undefined;
    }
    return integrationFor(integration).run(integration, invocation, services);
  },
};

function integrationFor<M extends IntegrationModel>(integration: M): Integration<M> {
  // The table's type ties each key to its own model; TypeScript cannot follow that through an index.
  return INTEGRATIONS[integration.type] as Integration<M>;
}
