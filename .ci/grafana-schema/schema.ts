// The dashboard type the shipped JSON must satisfy: Grafana's own Dashboard type from @grafana/schema, with two
// allowances a JSON file needs and two fields Grafana itself writes that the schema leaves out. An object literal assigned to it gets TypeScript's excess property check, so an
// unknown key is an error, as is a value of the wrong type.
import type { AnnotationQuery, Dashboard, VariableModel } from '@grafana/schema';

// JSON holds enum values as plain strings ("absolute", not ThresholdsMode.Absolute): accept each string enum's
// values as string literals. Numbers, booleans and the shape of every object stay as the schema has them.
type Json<T> = T extends string
  ? `${T}`
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

// Prometheus annotation queries keep their query at the top level (expr, step, ...), which Grafana's Prometheus
// data source reads; the generic schema leaves data-source fields to an untyped target.
type PrometheusAnnotation = Json<AnnotationQuery> & {
  expr?: string;
  step?: string;
  titleFormat?: string;
  textFormat?: string;
  tagKeys?: string;
};

// A query variable's definition: the query as Grafana's variable list shows it.
type Variable = Json<VariableModel> & { definition?: string };

export type CheckedDashboard = Omit<Json<Dashboard>, 'annotations' | 'templating'> & {
  annotations?: { list?: PrometheusAnnotation[] };
  templating?: { list?: Variable[] };
};
