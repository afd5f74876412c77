/** The task states an operator lists and cleans (`matchcast queue`), apart from the queue client that reads them. */
export const LISTED_STATES = ['failed', 'waiting', 'active', 'delayed', 'completed'] as const;
export type ListedState = (typeof LISTED_STATES)[number];

export const CLEANED_STATES = ['failed', 'completed'] as const;
export type CleanedState = (typeof CLEANED_STATES)[number];
