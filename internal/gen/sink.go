package gen

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/cchc-inspect/cchc/internal/domain"
)

// table is one table the generator fills, with its columns in the order
// of the rows it is given.
type table struct {
	name    string
	columns []string
}

// The tables in the order their rows are written: a row's references are
// always to rows of tables before it, or to earlier rows of its own table.
var (
	tAgencies    = &table{"agencies", cols("id code name kind parent_id province active successor_id version created_at updated_at search")}
	tUsers       = &table{"users", cols("id username full_name title role agency_id active password_hash version created_at updated_at search")}
	tTokens      = &table{"api_tokens", cols("id user_id name token_hash created_at last_used_at revoked_at")}
	tSets        = &table{"criteria_sets", cols("id year name scope description copied_from_id version created_at updated_at")}
	tCriteria    = &table{"criteria", cols("id criteria_set_id parent_id code area title measure max_score sort_order version created_at updated_at")}
	tPlans       = &table{"plans", cols("id year title decision_no issued_on issued_by status version created_at updated_at search")}
	tVisits      = &table{"visits", cols("id plan_id agency_id criteria_set_id year scheduled_on visited_on decision_no kind location agency_representatives status version created_at updated_at search")}
	tTeam        = &table{"team_members", cols("id visit_id user_id full_name title role sort_order")}
	tFindings    = &table{"findings", cols("id visit_id criterion_id rating value score note self_score self_note version created_at updated_at")}
	tProcedure   = &table{"procedure_stats", cols("visit_id procedures_total online_full online_partial one_stop_shop interagency_one_stop_shop files_received files_carried_over files_early files_on_time files_late files_pending files_online apology_letters version updated_at")}
	tStaffing    = &table{"staffing_stats", cols("visit_id deputies_actual deputies_max quota_assigned staff_present job_positions_approved version updated_at")}
	tShortcoming = &table{"shortcomings", cols("id visit_id criterion_id description cause severity repeat_of_id version created_at updated_at")}
	tActions     = &table{"actions", cols("id shortcoming_id visit_id agency_id description owner_agency_id owner_name due_on status verified_by verified_at version created_at updated_at")}
	tUpdates     = &table{"action_updates", cols("id action_id note status author_id created_at")}
	tConclusions = &table{"conclusions", cols("id visit_id overall_result strengths limitations causes requests document_no issued_on signer_name signer_title sign_prefix recipients status submitted_by submitted_at reviewed_by reviewed_at review_note version created_at updated_at")}
	tSnapshots   = &table{"conclusion_snapshots", cols("id conclusion_id visit_id content sha256 approved_by approved_at")}
	tAttachments = &table{"attachments", cols("id owner_type owner_id file_name content_type size sha256 created_by created_at")}
	tBlobs       = &table{"attachment_blobs", cols("attachment_id data")}
	tAudit       = &table{"audit_events", cols("id at actor_id entity_type entity_id action changes request_id prev_hash hash")}

	tables = []*table{tAgencies, tUsers, tTokens, tSets, tCriteria, tPlans, tVisits, tTeam, tFindings, tProcedure, tStaffing,
		tShortcoming, tActions, tUpdates, tConclusions, tSnapshots, tAttachments, tBlobs, tAudit}
)

func cols(s string) []string { return strings.Fields(s) }

// writer receives the rows of every table and writes them in batches, in
// the order of tables, so that memory stays flat whatever the scale.
type writer interface {
	// copy writes rows (each with the table's columns) into the table.
	copy(ctx context.Context, t *table, rows [][]any) error
}

// buffer holds rows until enough are pending, then hands them to a
// goroutine that writes every table's rows in the order of tables while the
// next batch is being generated. At most two batches are held at once.
type buffer struct {
	w       writer
	pending map[*table][][]any
	rows    int
	bytes   int
	counts  map[string]int64
	// Limits before a flush: rows and approximate bytes held.
	maxRows, maxBytes int

	work chan map[*table][][]any
	done chan struct{}
	mu   sync.Mutex
	err  error
}

func newBuffer(ctx context.Context, w writer) *buffer {
	b := &buffer{w: w, pending: map[*table][][]any{}, counts: map[string]int64{}, maxRows: 50_000, maxBytes: 32 << 20,
		work: make(chan map[*table][][]any), done: make(chan struct{})}
	go b.writeLoop(ctx)
	return b
}

// writeLoop writes the batches it is handed, in order, until the first error.
func (b *buffer) writeLoop(ctx context.Context) {
	defer close(b.done)
	for batch := range b.work {
		if b.failed() != nil {
			continue
		}
		for _, t := range tables {
			if rows := batch[t]; len(rows) > 0 {
				if err := b.w.copy(ctx, t, rows); err != nil {
					b.mu.Lock()
					b.err = fmt.Errorf("gen: write %s: %w", t.name, err)
					b.mu.Unlock()
					break
				}
			}
		}
	}
}

func (b *buffer) failed() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// add queues one row of t, handing everything over first when the buffer is full.
func (b *buffer) add(ctx context.Context, t *table, row ...any) error {
	if len(row) != len(t.columns) {
		panic(fmt.Sprintf("gen: %s: %d values for %d columns", t.name, len(row), len(t.columns)))
	}
	b.pending[t] = append(b.pending[t], row)
	b.rows++
	for _, v := range row {
		switch v := v.(type) {
		case string:
			b.bytes += len(v) + 16
		case []byte:
			b.bytes += len(v) + 24
		default:
			b.bytes += 16
		}
	}
	b.counts[t.name]++
	if b.rows >= b.maxRows || b.bytes >= b.maxBytes {
		return b.flush(ctx)
	}
	return nil
}

// flush hands the pending rows to the writer.
func (b *buffer) flush(ctx context.Context) error {
	if err := b.failed(); err != nil {
		return err
	}
	select {
	case b.work <- b.pending:
	case <-ctx.Done():
		return ctx.Err()
	}
	b.pending = map[*table][][]any{}
	b.rows, b.bytes = 0, 0
	return nil
}

// close writes what is left and waits for the writer; it returns the first
// error of any write.
func (b *buffer) close(ctx context.Context) error {
	err := b.flush(ctx)
	close(b.work)
	<-b.done
	if werr := b.failed(); werr != nil {
		return werr
	}
	return err
}

// pgWriter writes with COPY on one PostgreSQL connection, inside tx.
type pgWriter struct{ tx pgx.Tx }

func (w pgWriter) copy(ctx context.Context, t *table, rows [][]any) error {
	for _, r := range rows {
		for i, v := range r {
			if d, ok := v.(domain.Date); ok {
				r[i] = d.Time() // a date column takes a time.Time at midnight
			}
		}
	}
	n, err := w.tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.columns, pgx.CopyFromRows(rows))
	if err == nil && int(n) != len(rows) {
		err = fmt.Errorf("copied %d rows of %d", n, len(rows))
	}
	return err
}

// sqliteWriter writes with multi-row INSERTs in one transaction, as the
// app's driver would store each value (dates as YYYY-MM-DD text).
type sqliteWriter struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

// sqliteMaxVars is SQLite's limit of bound parameters in one statement.
const sqliteMaxVars = 32766

func (w *sqliteWriter) copy(ctx context.Context, t *table, rows [][]any) error {
	per := min(500, sqliteMaxVars/len(t.columns))
	args := make([]any, 0, per*len(t.columns))
	for len(rows) > 0 {
		n := min(per, len(rows))
		stmt, err := w.stmt(ctx, t, n)
		if err != nil {
			return err
		}
		args = args[:0]
		for _, r := range rows[:n] {
			for _, v := range r {
				if d, ok := v.(domain.Date); ok {
					v = d.String()
				}
				args = append(args, v)
			}
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// stmt returns the prepared INSERT of n rows into t.
func (w *sqliteWriter) stmt(ctx context.Context, t *table, n int) (*sql.Stmt, error) {
	key := fmt.Sprintf("%s/%d", t.name, n)
	if s, ok := w.stmts[key]; ok {
		return s, nil
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(t.columns)), ",") + ")"
	q := "INSERT INTO " + t.name + " (" + strings.Join(t.columns, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(one+",", n), ",")
	s, err := w.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	w.stmts[key] = s
	return s, nil
}

// Helpers that turn optional values into what a driver takes: the value or nil.

func i64p(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func f64p(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func datep(p *domain.Date) any {
	if p == nil {
		return nil
	}
	return *p
}

func timep(p *time.Time) any {
	if p == nil {
		return nil
	}
	return *p
}

func strp[T ~string](p *T) any {
	if p == nil {
		return nil
	}
	return string(*p)
}
