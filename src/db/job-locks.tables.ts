export interface JobLocksTable {
  name: string
  locked_until: string
  holder: string
  last_finished_at: string | null
}

export interface JobTables {
  job_locks: JobLocksTable
}
