package chart

import "math"

// lttb thins the points (xs[i], ys[i]), sorted by x, to about threshold points with Largest-Triangle-Three-Buckets
// (Steinarsson 2013) and returns the indices kept, in order. The first and last points are always kept, and so are
// the global maximum and minimum of y: in the bucket that holds one of them it replaces LTTB's choice (if one
// bucket holds both, both are kept, so the result may have one point more than threshold).
func lttb(xs, ys []float64, threshold int) []int {
	n := len(xs)
	if threshold >= n || threshold < 3 {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	hi, lo := 0, 0
	for i, y := range ys {
		if y > ys[hi] {
			hi = i
		}
		if y < ys[lo] {
			lo = i
		}
	}
	out := make([]int, 0, threshold+1)
	out = append(out, 0)
	every := float64(n-2) / float64(threshold-2)
	a := 0
	for b := range threshold - 2 {
		start := int(math.Floor(float64(b)*every)) + 1
		end := min(int(math.Floor(float64(b+1)*every))+1, n-1)
		// the average of the next bucket (the last point for the last bucket)
		nStart, nEnd := end, min(int(math.Floor(float64(b+2)*every))+1, n)
		if b == threshold-3 {
			nStart, nEnd = n-1, n
		}
		var avgX, avgY float64
		for i := nStart; i < nEnd; i++ {
			avgX += xs[i]
			avgY += ys[i]
		}
		cnt := float64(max(nEnd-nStart, 1))
		avgX, avgY = avgX/cnt, avgY/cnt
		best, bestArea := start, -1.0
		for i := start; i < end; i++ {
			area := math.Abs((xs[a]-avgX)*(ys[i]-ys[a]) - (xs[a]-xs[i])*(avgY-ys[a]))
			if area > bestArea {
				best, bestArea = i, area
			}
		}
		hasHi, hasLo := hi >= start && hi < end, lo >= start && lo < end && lo != hi
		switch {
		case hasHi && hasLo:
			out = append(out, min(hi, lo), max(hi, lo))
			best = max(hi, lo)
		case hasHi:
			out = append(out, hi)
			best = hi
		case hasLo:
			out = append(out, lo)
			best = lo
		default:
			out = append(out, best)
		}
		a = best
	}
	return append(out, n-1)
}
