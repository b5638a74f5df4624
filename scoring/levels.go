package scoring

// levelsOf resolves each unit's parent (an index, -1 for a department) and
// level from cfg's Parent codes, reporting unknown parents, cycles and a
// stated Level that its parent contradicts.
func levelsOf(units []Unit, bad func(string, ...any)) (parent, level []int) {
	byCode := make(map[string]int, len(units))
	for u, unit := range units {
		byCode[unit.Code] = u
	}
	parent = make([]int, len(units))
	for u, unit := range units {
		parent[u] = -1
		if unit.Parent == "" {
			continue
		}
		p, ok := byCode[unit.Parent]
		if !ok || p == u {
			bad("unit %q: parent %q is not another unit of the campaign", unit.Code, unit.Parent)
			continue
		}
		parent[u] = p
	}
	level = make([]int, len(units))
	for u, unit := range units {
		depth := 1
		for p := parent[u]; p >= 0 && depth <= len(units); p = parent[p] {
			depth++
		}
		if depth > len(units) {
			bad("unit %q: its parents form a cycle", unit.Code)
			continue
		}
		level[u] = depth
		if unit.Level != 0 && unit.Level != depth {
			bad("unit %q: level %d, but its parents put it at level %d", unit.Code, unit.Level, depth)
		}
	}
	return parent, level
}

// peersOf lists the unit indices ranked together (step 6): one list per
// category and level, in order of first appearance. With every unit at
// level 1 these are the categories.
func peersOf(units []Unit, level []int) [][]int {
	type key struct {
		category string
		level    int
	}
	pos := map[key]int{}
	var peers [][]int
	for u, unit := range units {
		k := key{unit.Category, level[u]}
		c, ok := pos[k]
		if !ok {
			c = len(peers)
			pos[k] = c
			peers = append(peers, nil)
		}
		peers[c] = append(peers[c], u)
	}
	return peers
}

// childrenOf lists, for each unit, the units directly below it in campaign
// order.
func childrenOf(parent []int) [][]int {
	children := make([][]int, len(parent))
	for u, p := range parent {
		if p >= 0 {
			children[p] = append(children[p], u)
		}
	}
	return children
}
