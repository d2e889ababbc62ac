import type { Workflow } from '../home/enrollment.js';

/**
 * What each workflow means for the node and what it sees of it: the one table the CLI,
 * the UI and docs/enrollment.md describe. Both workflows see only the public surface
 * (the same boundary `public check` enforces); network also presents the hosted gateway
 * key to the gateway that issued it.
 */
export interface WorkflowInfo {
  name: Workflow;
  title: string;
  /** One sentence: what joining lets happen. */
  means: string;
  /** What needs to be in place first (beyond the owner password). */
  requires: string | null;
}

export const WORKFLOW_INFO: Readonly<Record<Workflow, WorkflowInfo>> = {
  managed: {
    name: 'managed',
    title: 'managed workflow',
    means: "A hosted control plane may manage this node: it reads the node's public surface and coordinates the models it serves.",
    requires: null,
  },
  network: {
    name: 'network',
    title: 'network workflow',
    means: 'The node serves B3IQ network traffic through the hosted gateway, billed through the hosted gateway key.',
    requires: 'a hosted gateway key in the keychain',
  },
};

/** The public surface: all a workflow ever sees of this node. */
export const PUBLIC_SURFACE = [
  'the public node id',
  'public model ids',
  'readiness status and public-safe blockers',
  'benchmark summaries and benchmark freshness',
  'receipt hashes, roots, counts and totals',
  'public transaction hashes and settlement status',
] as const;

/** Never part of it (the public surface boundary). */
export const NEVER_SHARED = [
  'raw prompts or outputs',
  'API keys, customer tokens, setup tokens, local keys, support secrets, token hashes, the owner password',
  'customer identity',
  'exact private routes or private request logs',
  'local runtime URLs, filesystem paths, tunnel ids or tokens, connector details',
  'raw TEE quotes or certificate chains',
] as const;

export interface WorkflowSurface {
  workflow: Workflow;
  means: string;
  nodeId: string;
  sees: string[];
  never: string[];
}

/** What joining `workflow` shares, for this node: shown before the owner confirms. */
export function surfaceFor(workflow: Workflow, nodeId: string): WorkflowSurface {
  const sees: string[] = [...PUBLIC_SURFACE];
  sees[0] = `the public node id (${nodeId})`;
  if (workflow === 'network') sees.push('the hosted gateway key, presented to the hosted gateway that issued it (never shown or stored elsewhere)');
  return { workflow, means: WORKFLOW_INFO[workflow].means, nodeId, sees, never: [...NEVER_SHARED] };
}
