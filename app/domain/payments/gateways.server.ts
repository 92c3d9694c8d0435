import { env } from "~/utils/env.server";
import { demoGateway } from "./demo-gateway.server";
import type { PaymentGateway } from "./gateway";

const gateways: Record<string, PaymentGateway> = { demo: demoGateway };

/** The gateway this store takes money with (PAYMENT_GATEWAY, validated at start). */
export function activeGateway(): PaymentGateway {
  const gateway = gateways[env().PAYMENT_GATEWAY];
  if (!gateway) throw new Error(`no payment gateway named ${env().PAYMENT_GATEWAY}`);
  return gateway;
}

export function gatewayNamed(name: string): PaymentGateway {
  const gateway = gateways[name];
  if (!gateway) throw new Error(`no payment gateway named ${name}`);
  return gateway;
}
