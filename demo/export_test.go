package demo

// FailAfter makes the next load fail right after the step named step is
// stored, as a crash there would stop it; "" loads without failing.
func FailAfter(step string, err error) {
	afterStep = func(done string) error {
		if done == step {
			return err
		}
		return nil
	}
}
