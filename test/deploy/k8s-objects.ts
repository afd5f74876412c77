/**
 * Rendered Kubernetes objects for the manifest test: the fields it reads, typed; schema validation through the
 * model packages (kubernetes-models for built-in kinds, the KEDA and Prometheus Operator models for CRDs).
 */

type Labels = Record<string, string>;

interface Probe {
  readonly httpGet?: { readonly path?: string; readonly port?: string | number };
}

export interface Container {
  readonly name: string;
  readonly image?: string;
  readonly args?: string[];
  readonly ports?: { readonly name?: string; readonly containerPort: number }[];
  readonly envFrom?: { readonly configMapRef?: { name: string }; readonly secretRef?: { name: string } }[];
  readonly resources?: { readonly requests?: Labels; readonly limits?: Labels };
  readonly securityContext?: Record<string, unknown>;
  readonly startupProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly readinessProbe?: Probe;
  readonly volumeMounts?: { readonly name: string; readonly mountPath: string }[];
  readonly lifecycle?: { readonly preStop?: { readonly exec?: { readonly command?: string[] } } };
}

interface PodSpec {
  readonly containers: Container[];
  readonly initContainers?: Container[];
  readonly terminationGracePeriodSeconds?: number;
  readonly restartPolicy?: string;
  readonly automountServiceAccountToken?: boolean;
  readonly securityContext?: { readonly runAsNonRoot?: boolean };
  readonly volumes?: { readonly name: string; readonly emptyDir?: object }[];
}

interface Expression {
  readonly key: string;
  readonly operator: string;
  readonly values?: string[];
}

interface PodTemplate {
  readonly metadata?: { readonly labels?: Labels };
  readonly spec?: PodSpec;
}

/** The union of the spec fields the test reads across kinds. */
interface Spec {
  readonly replicas?: number;
  readonly template?: PodTemplate;
  readonly jobTemplate?: { readonly spec?: { readonly template?: PodTemplate } };
  readonly suspend?: boolean;
  readonly selector?: Labels & { readonly matchLabels?: Labels };
  readonly ports?: { readonly name?: string }[];
  readonly scaleTargetRef?: { readonly name?: string };
  readonly metrics?: {
    readonly resource?: { readonly name: string; readonly target?: { readonly averageUtilization?: number } };
    readonly pods?: { readonly metric?: { readonly name: string } };
  }[];
  readonly behavior?: {
    readonly scaleUp?: { readonly stabilizationWindowSeconds?: number };
    readonly scaleDown?: { readonly stabilizationWindowSeconds?: number };
  };
  readonly minReplicaCount?: number;
  readonly triggers?: {
    readonly type: string;
    readonly metadata?: Labels;
    readonly authenticationRef?: { name: string };
  }[];
  readonly secretTargetRef?: { readonly name: string; readonly key: string }[];
  readonly backoffLimit?: number;
  readonly rules?: {
    readonly http?: {
      readonly paths?: {
        readonly path?: string;
        readonly pathType?: string;
        readonly backend?: {
          readonly service?: { readonly name: string; readonly port?: { readonly name?: string } };
        };
      }[];
    };
  }[];
  readonly endpoints?: { readonly port?: string }[];
  readonly podSelector?: { readonly matchLabels?: Labels; readonly matchExpressions?: Expression[] };
}

export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Labels };
  readonly spec?: Spec;
  readonly data?: Labels;
}

export const byKind =
  (objects: readonly K8sObject[]) =>
  (kind: string): K8sObject[] =>
    objects.filter((o) => o.kind === kind);

/** The pod template of a Deployment or Job, or of the Jobs a CronJob makes. */
export function podTemplateOf(owner: K8sObject | undefined): PodTemplate | undefined {
  return owner?.spec?.template ?? owner?.spec?.jobTemplate?.spec?.template;
}

export function podSpecOf(owner: K8sObject | undefined): PodSpec {
  return podTemplateOf(owner)?.spec ?? { containers: [] };
}

export function containersOf(owner: K8sObject | undefined): Container[] {
  return podSpecOf(owner).containers;
}

/** Init containers first, then the main ones: everything that runs in the pod. */
export function allContainersOf(owner: K8sObject | undefined): Container[] {
  const spec = podSpecOf(owner);
  return [...(spec.initContainers ?? []), ...spec.containers];
}

/** Whether a label selector (matchLabels plus optional matchExpressions) selects these labels. */
export function matches(selector: Labels, labels: Labels, expressions: readonly Expression[] = []): boolean {
  const byLabels = Object.entries(selector).every(([key, value]) => labels[key] === value);
  const byExpressions = expressions.every((e) => {
    const value = labels[e.key];
    if (e.operator === 'In') return value !== undefined && (e.values ?? []).includes(value);
    if (e.operator === 'Exists') return value !== undefined;
    throw new Error(`selector operator ${e.operator} not handled by the test`);
  });
  return byLabels && byExpressions && (Object.keys(selector).length > 0 || expressions.length > 0);
}

/** The model module of an apiVersion: built-in groups, KEDA, or the Prometheus Operator. */
function modelModule(apiVersion: string): string {
  if (apiVersion.startsWith('keda.sh/')) return `@kubernetes-models/keda/${apiVersion}`;
  if (apiVersion.startsWith('monitoring.coreos.com/'))
    return `@kubernetes-models/prometheus-operator/${apiVersion}`;
  return `kubernetes-models/${apiVersion}`;
}

interface ModelClass {
  new (data: object): { validate(): void };
}

/** Throws, naming the object, when it breaks its kind's schema or its kind has no model. */
export async function validateObject(object: K8sObject): Promise<void> {
  const module = (await import(modelModule(object.apiVersion))) as Record<string, ModelClass | undefined>;
  const Model = module[object.kind];
  if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  try {
    new Model(object).validate();
  } catch (error) {
    throw new Error(`${object.kind} ${object.metadata.name}: ${(error as Error).message}`);
  }
}
