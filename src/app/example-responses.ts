import { GatewayResponseSpec } from "../gateway-responses/gateway-response-spec";
import { ResponseType } from "../gateway-responses/response-type";

/**
 * The reference's bodies for the two responses its users see: the example app's, not the library's (whose
 * defaults are AWS's wording). Every other type keeps the library's fixed messages.
 */
export const EXAMPLE_GATEWAY_RESPONSES: readonly GatewayResponseSpec[] = Object.freeze([
  { type: ResponseType.UNAUTHORIZED, statusCode: 401, message: "認証エラー: UNAUTHORIZED" },
  { type: ResponseType.ACCESS_DENIED, statusCode: 403, message: "認可エラー: ACCESS_DENIED" },
]);
