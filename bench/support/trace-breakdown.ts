// A Chromium trace's page main thread, broken down as DevTools' Performance panel groups it:
// each top-level task's time split by what ran inside it (the innermost known event wins), the tasks
// over 50 ms, and style or layout that script forced (read inside a script event).

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat?: string;
  args?: { name?: string; data?: Record<string, unknown>; beginData?: Record<string, unknown> };
}

export interface Task {
  startMs: number;
  durationMs: number;
  byCategory: Record<string, number>;
}

export interface Breakdown {
  byCategory: Record<string, number>;
  taskMs: number;
  longTasks: Task[];
  /** Each task's time beyond 50 ms, summed (Lighthouse sums it between FCP and TTI; this from navigation on). */
  blockingMs: number;
  /** Inclusive ms of each outermost script event: the evaluated script's URL, a call's function, an event's type. */
  scriptByEntry: Record<string, number>;
  /** Self time of the events no category claims, by event name: what "other" is made of. */
  otherByName: Record<string, number>;
}

const LONG_TASK_MS = 50;
const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const CATEGORY_OF: Record<string, string> = {
  ParseHTML: 'parse HTML',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ParseAuthorStyleSheet: 'parse CSS',
  Layout: 'layout',
  EvaluateScript: 'script',
  'v8.compile': 'script',
  'v8.compileModule': 'script',
  'v8.evaluateModule': 'script',
  'v8.run': 'script',
  FunctionCall: 'script',
  TimerFire: 'script',
  EventDispatch: 'script',
  FireAnimationFrame: 'script',
  FireIdleCallback: 'script',
  RunMicrotasks: 'script',
  'V8.Execute': 'script',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  UpdateLayerTree: 'paint',
  Commit: 'paint',
  MinorGC: 'GC',
  MajorGC: 'GC',
  'BlinkGC.AtomicPhase': 'GC',
  'V8.GC_SCAVENGER': 'GC',
};

/** What a script event is, for the per-entry table. */
function entryName(event: TraceEvent): string {
  const data = (event.args?.data ?? {}) as Record<string, unknown>;
  const file = typeof data.url === 'string' ? (data.url.split('/').pop() ?? '') : '';
  if (event.name === 'FunctionCall')
    return `call ${data.functionName || '(anonymous)'} ${file}:${data.lineNumber ?? ''}`;
  if (event.name === 'EventDispatch') return `event ${data.type}`;
  if (event.name === 'EvaluateScript' || event.name.startsWith('v8.')) return `${event.name} ${file}`;
  return event.name;
}

/** B/E pairs become complete events, so that everything nests by [ts, ts + dur]. */
function completeEvents(events: TraceEvent[]): TraceEvent[] {
  const complete: TraceEvent[] = [];
  const open: TraceEvent[] = [];
  for (const event of events) {
    if (event.ph === 'X' && event.dur !== undefined) complete.push(event);
    else if (event.ph === 'B') open.push(event);
    else if (event.ph === 'E') {
      const begin = open.pop();
      if (begin) complete.push({ ...begin, ph: 'X', dur: event.ts - begin.ts });
    }
  }
  return complete.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
}

/** The renderer main thread that parsed the page of this origin. */
export function pageMainThread(events: TraceEvent[], origin: string): { pid: number; tid: number } {
  const mains = events.filter(
    (event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
  );
  const parsedHere = (main: TraceEvent) =>
    events.some(
      (event) =>
        event.pid === main.pid &&
        event.tid === main.tid &&
        event.name === 'ParseHTML' &&
        String(event.args?.beginData?.url ?? '').startsWith(origin),
    );
  const main = mains.find(parsedHere);
  if (!main) throw new Error(`no renderer main thread parsed a page of ${origin}`);
  return { pid: main.pid, tid: main.tid };
}

export function breakdownOf(allEvents: TraceEvent[], origin: string): Breakdown {
  const { pid, tid } = pageMainThread(allEvents, origin);
  const events = completeEvents(allEvents.filter((event) => event.pid === pid && event.tid === tid));
  const navigation = allEvents.find(
    (event) =>
      event.name === 'navigationStart' &&
      String(
        (event.args?.data as { documentLoaderURL?: string } | undefined)?.documentLoaderURL ?? '',
      ).startsWith(origin),
  );
  const zero = navigation?.ts ?? events[0]?.ts ?? 0;
  const result: Breakdown = {
    byCategory: {},
    taskMs: 0,
    longTasks: [],
    blockingMs: 0,
    scriptByEntry: {},
    otherByName: {},
  };
  // The stack of open events: each one's category (inherited when unknown) and the time its children took.
  const stack: { event: TraceEvent; end: number; category: string; childUs: number }[] = [];
  let task: Task | undefined;
  const close = (until: number) => {
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= until) {
      const done = stack.pop();
      if (!done) break;
      const selfMs = ((done.event.dur ?? 0) - done.childUs) / 1000;
      if (task) task.byCategory[done.category] = (task.byCategory[done.category] ?? 0) + selfMs;
      if (done.category === 'other') {
        result.otherByName[done.event.name] = (result.otherByName[done.event.name] ?? 0) + selfMs;
      }
      const parent = stack.at(-1);
      if (parent) parent.childUs += done.event.dur ?? 0;
      else if (task) {
        const durationMs = task.durationMs;
        result.taskMs += durationMs;
        for (const [category, value] of Object.entries(task.byCategory)) {
          result.byCategory[category] = (result.byCategory[category] ?? 0) + value;
        }
        if (durationMs > LONG_TASK_MS) {
          result.longTasks.push(task);
          result.blockingMs += durationMs - LONG_TASK_MS;
        }
        task = undefined;
      }
    }
  };
  for (const event of events) {
    if (event.ts < zero) continue;
    close(event.ts);
    if (stack.length === 0) {
      // Only top-level tasks start a stack; stray events between tasks are not main-thread work.
      if (!TASK_NAMES.has(event.name)) continue;
      task = { startMs: (event.ts - zero) / 1000, durationMs: (event.dur ?? 0) / 1000, byCategory: {} };
    }
    const parent = stack.at(-1);
    const own = CATEGORY_OF[event.name];
    let category = own ?? parent?.category ?? 'other';
    if (own && (own === 'style' || own === 'layout') && parent?.category.startsWith('script')) {
      category = `${own} forced by script`;
    }
    if (own === 'script' && !parent?.category.startsWith('script')) {
      const name = entryName(event);
      result.scriptByEntry[name] = (result.scriptByEntry[name] ?? 0) + (event.dur ?? 0) / 1000;
    }
    stack.push({ event, end: event.ts + (event.dur ?? 0), category, childUs: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  return result;
}
