import { App } from "cdktf";
import { OrdersApiStack } from "./orders-api-stack";
import { PLACEHOLDER_SETTINGS } from "./settings";

const app = new App();
new OrdersApiStack(app, "orders-api", PLACEHOLDER_SETTINGS);
app.synth();
