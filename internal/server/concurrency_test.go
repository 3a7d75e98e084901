package server_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/cchc-inspect/cchc/internal/server/apitest"
)

// raceRounds is how many times each race is run.
const raceRounds = 20

// TestConcurrentUpdatesOneWins sends, round after round, two updates of one
// record with the same version at the same moment: exactly one answers 200
// and the other 409, and the record holds the winner's value with the
// version one higher. No update is ever silently lost.
func TestConcurrentUpdatesOneWins(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		w := e.NewWorld(t)
		fid := apitest.Expect(t, e.Do(apitest.Inspector, "POST", fmt.Sprintf("visits/%d/findings", w.VisitID), map[string]any{
			"criterion_id": w.Crit["3.3"], "rating": "good", "value": 100, "score": 3, "note": "Tỷ lệ hồ sơ đúng hạn 100%"}), 201).ID(t)
		t.Run("PATCH /findings/{id}", func(t *testing.T) {
			raceUpdates(t, e, "PATCH", fmt.Sprintf("findings/%d", fid), "finding", fid, "note")
		})
		var c struct {
			ID int64 `json:"id"`
		}
		apitest.Expect(t, e.Do(apitest.Admin, "GET", fmt.Sprintf("visits/%d/conclusion", w.VisitID), nil), 200).JSON(t, &c)
		t.Run("PUT /visits/{id}/conclusion", func(t *testing.T) {
			raceUpdates(t, e, "PUT", fmt.Sprintf("visits/%d/conclusion", w.VisitID), "conclusion", c.ID, "strengths")
		})
	})
}

// raceUpdates races two updates of field at path, both as the team lead
// with the version read just before, raceRounds times. The record's audit
// trail (entity, id) must grow by exactly one event a round: the loser
// leaves nothing behind.
func raceUpdates(t *testing.T, e *apitest.Env, method, path, entity string, id int64, field string) {
	audit := fmt.Sprintf("audit?entity_type=%s&entity_id=%d&per_page=1", entity, id)
	events := func() int {
		var l struct {
			Total int `json:"total"`
		}
		apitest.Expect(t, e.Do(apitest.Admin, "GET", audit, nil), http.StatusOK).JSON(t, &l)
		return l.Total
	}
	overlapped := 0
	for round := range raceRounds {
		version, before := azVersion(t, e, path), events()
		values := [2]string{fmt.Sprintf("Lượt %d: bản của máy A", round), fmt.Sprintf("Lượt %d: bản của máy B", round)}
		var (
			res         [2]*apitest.Response
			began, came [2]time.Time
			ready, done sync.WaitGroup
			start       = make(chan struct{})
		)
		for i := range 2 {
			req := apitest.Request{As: apitest.Inspector, Method: method, Path: path, Body: map[string]any{"version": version, field: values[i]}}
			ready.Add(1)
			done.Add(1)
			go func() {
				defer done.Done()
				ready.Done()
				<-start // both goroutines are ready: let them go together
				began[i] = time.Now()
				res[i] = e.Send(req)
				came[i] = time.Now()
			}()
		}
		ready.Wait()
		close(start)
		done.Wait()
		if res[0] == nil || res[1] == nil {
			t.Fatalf("round %d: a request did not complete", round)
		}
		if began[0].Before(came[1]) && began[1].Before(came[0]) {
			overlapped++
		}

		winner := -1
		switch {
		case res[0].Status == http.StatusOK && res[1].Status == http.StatusConflict:
			winner = 0
		case res[1].Status == http.StatusOK && res[0].Status == http.StatusConflict:
			winner = 1
		default:
			t.Fatalf("round %d: statuses %d and %d, want one 200 and one 409:\n  %s\n  %s", round,
				res[0].Status, res[1].Status, azShort(res[0].Body), azShort(res[1].Body))
		}
		var won struct {
			Version int `json:"version"`
		}
		res[winner].JSON(t, &won)
		if won.Version != version+1 {
			t.Errorf("round %d: the winner's answer has version %d, want %d", round, won.Version, version+1)
		}
		if p := azProblem(t, res[1-winner]); p[:3] != "409" {
			t.Errorf("round %d: the loser's answer is not a 409 problem: %s", round, p)
		}

		stored := apitest.Expect(t, e.Do(apitest.Admin, "GET", path, nil), http.StatusOK).Map(t)
		if stored[field] != values[winner] || int(stored["version"].(float64)) != version+1 {
			t.Fatalf("round %d: stored %s %q version %v; want the winner's %q version %d", round, field, stored[field],
				stored["version"], values[winner], version+1)
		}
		if n := events(); n != before+1 {
			t.Errorf("round %d: %d audit events for %s %d, want %d (one per applied update)", round, n, entity, id, before+1)
		}
	}
	t.Logf("%s %s: %d rounds, one 200 and one 409 each; the two requests were in flight together in %d", method, path,
		raceRounds, overlapped)
}
