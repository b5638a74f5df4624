package storage

// withIDs returns a batch's values with each row's id in front: the id
// given for a held row, NULL for a new one, which the table numbers.
func withIDs(args []any, rows, columns int, ids map[int]int64) []any {
	out := make([]any, 0, rows*(columns+1))
	for r := 0; r < rows; r++ {
		if id, ok := ids[r]; ok {
			out = append(out, id)
		} else {
			out = append(out, nil)
		}
		out = append(out, args[r*columns:(r+1)*columns]...)
	}
	return out
}
