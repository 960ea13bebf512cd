/* health: liveness and readiness probes for load balancers and Cloud Run. */
export { healthController } from './http/health_controller.js'
