/**
 * Where a server's CPU went while the bench loaded it: V8 CPU profiles (`node --cpu-prof`) cut to the load
 * windows the bench recorded, so start-up and idle time between loads stay out, and divided by the requests
 * served in those windows, so variants compare in CPU µs per request rather than in shares of different totals.
 */

/** One load of one profiled server, as bench/api.ts records it in windows.json. */
export interface ProfileWindow {
  /** The profile's file name in the same folder. */
  readonly profile: string;
  readonly variant: string;
  /** CLOCK_MONOTONIC µs, the clock of the profile's sample times. */
  readonly startUs: number;
  readonly endUs: number;
  readonly requests: number;
}

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

/** The parts of V8's .cpuprofile format read here. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** CPU µs per request: busy (all but idle), by function itself, and under each named group of frames. */
export interface WindowCost {
  readonly requests: number;
  readonly busyUs: number;
  readonly selfUs: ReadonlyMap<string, number>;
  readonly groupUs: ReadonlyMap<string, number>;
}

/**
 * A group of frames: a sample counts for the group when, walking up its stack from the running function, a
 * frame of the group comes before any `boundary` frame. The boundary keeps out what a function runs on behalf
 * of its caller: a Fastify hook's `done` runs the rest of the request synchronously inside the hook.
 */
export interface FrameGroup {
  readonly matches: (frame: CallFrame) => boolean;
  readonly boundary?: (frame: CallFrame) => boolean;
}

const frameName = (frame: CallFrame) => {
  const file = frame.url.replace(/^.*\/(node_modules\/|src\/|bench\/)/, '$1');
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
};

/** Adds the samples of `profile` that fall in `windows` to `into` (sample time = the gap since the last one). */
export function addWindows(
  into: { busyUs: number; requests: number; selfUs: Map<string, number>; groupUs: Map<string, number> },
  profile: CpuProfile,
  windows: readonly ProfileWindow[],
  groups: ReadonlyMap<string, FrameGroup>,
): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  for (const window of windows) into.requests += window.requests;
  let t = profile.startTime;
  for (const [i, id] of profile.samples.entries()) {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (!windows.some((w) => t >= w.startUs && t < w.endUs)) continue;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    into.busyUs += dt;
    const own = frameName(node.callFrame);
    into.selfUs.set(own, (into.selfUs.get(own) ?? 0) + dt);
    for (const [name, group] of groups) {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = byId.get(at)?.callFrame;
        if (frame === undefined || group.boundary?.(frame)) break;
        if (group.matches(frame)) {
          into.groupUs.set(name, (into.groupUs.get(name) ?? 0) + dt);
          break;
        }
      }
    }
  }
}
