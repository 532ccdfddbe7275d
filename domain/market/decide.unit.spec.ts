import { describe, it } from 'vitest';
import { specFor, specMeta } from '../../test/kit/decider.js';
import { marketSeriesDecider, type RecordMarketSeries } from './decide.js';
import { marketSeriesHash, type MarketSeriesUploaded } from './events.js';

const T1 = '2025-01-03T00:00:00.000Z';
const given = specFor(marketSeriesDecider, specMeta(T1));
const points = [
  { date: '2024-12-27', value: 0.012 },
  { date: '2025-01-03', value: -0.004 },
];
const record = (p = points): RecordMarketSeries => ({ type: 'RecordMarketSeries', seriesId: 'msci-world', points: p });
const uploaded = (revision: number, p = points): MarketSeriesUploaded => ({
  type: 'MarketSeriesUploaded',
  data: { seriesId: 'msci-world', revision, points: p, dataHash: marketSeriesHash(p), uploadedAt: T1 },
});

describe('market series decider', () => {
  it('records the first upload of a series as revision 1', () => {
    given()
      .when(record())
      .then([uploaded(1)]);
  });

  it('records changed points as the next revision', () => {
    const revised = [...points, { date: '2025-01-10', value: 0.001 }];
    given([uploaded(1)])
      .when(record(revised))
      .then([uploaded(2, revised)]);
    given([uploaded(1), uploaded(2, revised)])
      .when(record())
      .then([uploaded(3)]);
  });

  it('records nothing when the points equal the last upload', () => {
    given([uploaded(1)])
      .when(record())
      .thenNothingHappened();
    given([uploaded(1)])
      .when(record(points.map((p) => ({ value: p.value, date: p.date }))))
      .thenNothingHappened();
  });
});
