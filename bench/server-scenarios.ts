// What the server part measures: each page or response, the headers a browser sends for it, and
// the floors (the same response replayed by a bare Fastify route).
import { getText, linkedAssets, type Session } from './support/http.ts';
import { CONNECTIONS, type Durations, type LoadResult, warmAndLoad } from './support/load.ts';
import type { StartedProcess } from './support/processes.ts';
import { record, startReplay } from './support/replay.ts';
import { etagForTheNext } from './support/revalidation.ts';

export interface ReadScenario {
  figure: string;
  path: string;
  expectStatus: number;
  /** Minimum ratio of req/s to the baseline; undefined when the figure is for information. */
  target?: number;
  headers?: Record<string, string>;
  /** Sends If-None-Match with the page's current ETag; a 200 for a just-rotated one is not an error. */
  revalidate?: boolean;
  unavailable?: string;
  /** Also measure this response replayed by a bare Fastify route: the figure's floor. */
  withFloor?: boolean;
  /** Set on a floor scenario: served by the replay process, not the app. */
  replayed?: boolean;
}

export async function scenariosFor(
  app: StartedProcess,
  threadPath: string,
  comments: number,
  reader: Session,
) {
  const worker = await getText(`${app.url}/serviceworker.js`);
  // The stylesheet the page links to, rather than dist/manifest.json: others may rebuild dist/.
  const stylesheet = linkedAssets((await getText(`${app.url}${threadPath}`)).body).styles[0];
  if (stylesheet === undefined) throw new Error(`${threadPath} links no stylesheet`);
  const scenarios: ReadScenario[] = [
    {
      figure: `Thread page, anonymous (1 post + ${comments} nested comments)`,
      path: threadPath,
      expectStatus: 200,
      target: 0.33,
    },
    {
      figure: 'Thread page, logged in',
      path: threadPath,
      expectStatus: 200,
      target: 0.25,
      headers: { cookie: reader.cookie },
    },
    { figure: 'Front page', path: '/', expectStatus: 200, target: 0.33 },
    {
      figure: '/serviceworker.js',
      path: '/serviceworker.js',
      expectStatus: 200,
      target: 0.6,
      withFloor: true,
      unavailable:
        worker.response.status === 200 ? undefined : `not available (GET answered ${worker.response.status})`,
    },
    {
      figure: 'Conditional GET of the thread page (304)',
      path: threadPath,
      expectStatus: 304,
      target: 0.6,
      revalidate: true,
      withFloor: true,
    },
    { figure: 'Hashed static asset (the stylesheet)', path: stylesheet, expectStatus: 200 },
  ];
  return scenarios;
}

/** What a browser sends for the scenario, less the validator. */
const requestHeaders = (scenario: ReadScenario) => ({
  // Every browser asks for compressed pages; the page cache keeps compressed copies for them.
  'accept-encoding': 'gzip, deflate, br',
  ...scenario.headers,
});

export async function measureScenario(
  serverUrl: string,
  scenario: ReadScenario,
  durations: Durations,
): Promise<LoadResult> {
  const url = `${serverUrl}${scenario.path}`;
  const revalidation: Record<string, string> = scenario.revalidate
    ? { 'if-none-match': await etagForTheNext(url, durations.warmupSeconds + durations.seconds) }
    : {};
  return warmAndLoad(
    {
      url,
      connections: CONNECTIONS,
      seconds: durations.seconds,
      headers: { ...requestHeaders(scenario), ...revalidation },
      expect: (status) => status === scenario.expectStatus,
      tolerate: scenario.revalidate ? (status) => status === 200 : undefined,
    },
    durations,
  );
}

/**
 * Records the app's response for each scenario that asks for a floor and adds a scenario that
 * measures it replayed by a bare Fastify route. The app's ratio over the floor's is what its own
 * work costs; the floor's ratio is what the response itself costs (bytes, header lines).
 */
export async function startFloors(app: StartedProcess, scenarios: ReadScenario[], directory: string) {
  const sources = scenarios.filter((scenario) => scenario.withFloor && !scenario.unavailable);
  const recorded = await Promise.all(
    sources.map(async (scenario) => {
      const url = `${app.url}${scenario.path}`;
      const validator: Record<string, string> = scenario.revalidate
        ? { 'if-none-match': await etagForTheNext(url, 1) }
        : {};
      const response = await record(app.url, scenario.path, { ...requestHeaders(scenario), ...validator });
      if (response.status !== scenario.expectStatus)
        throw new Error(`recording ${scenario.path} for its floor answered ${response.status}`);
      return response;
    }),
  );
  scenarios.push(
    ...sources.map((scenario, index) => ({
      figure: `${scenario.figure}: the same response from a bare Fastify route (floor)`,
      path: `/${index}`,
      expectStatus: scenario.expectStatus,
      headers: scenario.headers,
      replayed: true,
    })),
  );
  return startReplay(directory, recorded);
}
