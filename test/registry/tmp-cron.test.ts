import { checkCronSchedule, nextCronRuns } from '../../src/model/cron';
test('x', () => {
  for (const e of ['0 0 * * *','*/5 * * * *','5/10 * * * *','*-5 * * * *','+5 * * * *','? * * * *','0 0 * * 7','0 0 L * *','0 0 * * 1#2','0 0 0 * * *','60 * * * *','0 0 31 2 *','0 0 31 2 1','0 0 * * mon-fri','0 0 * JAN *','@daily','@every 1h','@every 1d','0 0 * *','H * * * *','1-2-3 * * * *','1,,2 * * * *','0 0 * * 5-1','0  0 * * *',' 0 0 * * *','CRON_TZ=UTC 0 0 * * *','0 0 1-31 * 1','*/0 * * * *','-1 * * * *']) {
    const c = checkCronSchedule(e);
    let runs = '';
    try { runs = c.valid ? nextCronRuns(e, 2, new Date('2026-01-01T00:00:00Z')).map((d) => d.toISOString()).join(' ') : ''; } catch (err) { runs = 'THROW ' + (err as Error).message; }
    console.log(JSON.stringify(e), JSON.stringify(c), runs);
  }
});
