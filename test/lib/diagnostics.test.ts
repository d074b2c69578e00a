import { DIAGNOSABLE, diagnosticTargetsOf, NOT_DIAGNOSABLE } from '../../lib/diagnostics';

describe('diagnostics catalogue', () => {
  test('no resource type is both diagnosable and not diagnosable', () => {
    expect(Object.keys(DIAGNOSABLE).filter((type) => Object.hasOwn(NOT_DIAGNOSABLE, type))).toEqual([]);
  });

  test('every type that is not diagnosable says why', () => {
    const unexplained = Object.entries(NOT_DIAGNOSABLE).filter(([, reason]) => typeof reason !== 'string' || reason.trim().length < 10);
    expect(unexplained).toEqual([]);
  });

  test('every entry is an azurerm resource type', () => {
    expect([...Object.keys(DIAGNOSABLE), ...Object.keys(NOT_DIAGNOSABLE)].filter((type) => !/^azurerm_[a-z0-9_]+$/.test(type))).toEqual([]);
  });

  test.each(Object.entries(DIAGNOSABLE))('%s: at most five settings, each on a distinct target, each sending something', (_type, targets) => {
    expect(targets.length).toBeLessThanOrEqual(5);
    expect(new Set(targets.map((t) => t.suffix)).size).toBe(targets.length);
    for (const target of targets) {
      expect(target.suffix).toMatch(/^(\/[A-Za-z]+\/[A-Za-z]+)*$/);
      expect(target.logs || target.metrics !== undefined).toBe(true);
    }
  });

  // A type that gets no setting must say why, which only NOT_DIAGNOSABLE can.
  test('a type that gets no setting is listed as not diagnosable (with a reason), not as diagnosable without targets', () => {
    expect(Object.entries(DIAGNOSABLE).filter(([, targets]) => targets.length === 0).map(([type]) => type)).toEqual([]);
  });

  test('diagnosticTargetsOf returns the catalogue entry, and nothing for other types', () => {
    expect(diagnosticTargetsOf('azurerm_firewall')).toEqual([{ suffix: '', logs: true, metrics: 'AllMetrics', dedicatedTables: true }]);
    expect(diagnosticTargetsOf('azurerm_storage_account')?.map((t) => t.suffix)).toEqual(['', '/blobServices/default']);
    expect(diagnosticTargetsOf('azurerm_route_table')).toBeUndefined();
    expect(diagnosticTargetsOf('azurerm_unknown_thing')).toBeUndefined();
  });
});
