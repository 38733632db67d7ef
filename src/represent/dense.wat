;; The hot loops of swotlens: dot products of many statement vectors with many centres
;; (WebAssembly SIMD). Compiled by `npm run build:kernel` into dense-kernel.ts; dense.ts has a
;; plain-JS twin of each function that gives the same bits. All addresses are byte offsets.
;;
;; dots — the dense parts, four single-precision lanes at a time, four centres at once:
;; out[i*k + c] = Σ_d x[i*dim + d] · centres[c*dim + d]   for i < n, c < k
;; Lane j sums the products of dimensions d ≡ j (mod 4) in order; the row's dot product is
;; (lane0 + lane1) + (lane2 + lane3). Each centre has sums of its own, so taking four at once
;; changes no bit. dim is a multiple of 4.
;;
;; sparse — the lexical parts, in double precision, two centres at a time:
;; out[i*k + c] = Σ_j values[j] · t[positions[j]*k + c]   for j from offsets[i] to offsets[i+1]
;; Rows are CSR (offsets i32, positions i32, values f32), the centres transposed (t, f64, one
;; row of k per position); each sum adds its terms in order, from zero, as plain JS would.
(module
  (memory (export "memory") 1)
  (func (export "dots") (param $x i32) (param $n i32) (param $centres i32) (param $k i32) (param $dim i32) (param $out i32)
    (local $i i32) (local $c i32) (local $d i32) (local $row i32) (local $centre i32) (local $bytes i32) (local $acc v128)
    (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $xd v128) (local $quads i32)
    (local.set $bytes (i32.shl (local.get $dim) (i32.const 2)))
    ;; centres that go four at a time: four independent sums share each load of the row
    (local.set $quads (i32.and (local.get $k) (i32.const -4)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $row (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $bytes))))
        (local.set $c (i32.const 0))
        (block $quads_done
          (loop $quad
            (br_if $quads_done (i32.ge_u (local.get $c) (local.get $quads)))
            (local.set $centre (i32.add (local.get $centres) (i32.mul (local.get $c) (local.get $bytes))))
            (local.set $acc (v128.const f32x4 0 0 0 0))
            (local.set $a1 (v128.const f32x4 0 0 0 0))
            (local.set $a2 (v128.const f32x4 0 0 0 0))
            (local.set $a3 (v128.const f32x4 0 0 0 0))
            (local.set $d (i32.const 0))
            (block $qdims_done
              (loop $qdims
                (br_if $qdims_done (i32.ge_u (local.get $d) (local.get $bytes)))
                (local.set $xd (v128.load (i32.add (local.get $row) (local.get $d))))
                (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $xd) (v128.load (i32.add (local.get $centre) (local.get $d))))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $xd) (v128.load (i32.add (i32.add (local.get $centre) (local.get $bytes)) (local.get $d))))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $xd) (v128.load (i32.add (i32.add (local.get $centre) (i32.shl (local.get $bytes) (i32.const 1))) (local.get $d))))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $xd) (v128.load (i32.add (i32.add (local.get $centre) (i32.mul (local.get $bytes) (i32.const 3))) (local.get $d))))))
                (local.set $d (i32.add (local.get $d) (i32.const 16)))
                (br $qdims)))
            (f32.store (local.get $out) (f32.add
                (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
            (f32.store offset=4 (local.get $out) (f32.add
                (f32.add (f32x4.extract_lane 0 (local.get $a1)) (f32x4.extract_lane 1 (local.get $a1)))
                (f32.add (f32x4.extract_lane 2 (local.get $a1)) (f32x4.extract_lane 3 (local.get $a1)))))
            (f32.store offset=8 (local.get $out) (f32.add
                (f32.add (f32x4.extract_lane 0 (local.get $a2)) (f32x4.extract_lane 1 (local.get $a2)))
                (f32.add (f32x4.extract_lane 2 (local.get $a2)) (f32x4.extract_lane 3 (local.get $a2)))))
            (f32.store offset=12 (local.get $out) (f32.add
                (f32.add (f32x4.extract_lane 0 (local.get $a3)) (f32x4.extract_lane 1 (local.get $a3)))
                (f32.add (f32x4.extract_lane 2 (local.get $a3)) (f32x4.extract_lane 3 (local.get $a3)))))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $quad)))
        ;; the last one to three centres, one at a time
        (block $centres_done
          (loop $centres
            (br_if $centres_done (i32.ge_u (local.get $c) (local.get $k)))
            (local.set $centre (i32.add (local.get $centres) (i32.mul (local.get $c) (local.get $bytes))))
            (local.set $acc (v128.const f32x4 0 0 0 0))
            (local.set $d (i32.const 0))
            (block $dims_done
              (loop $dims
                (br_if $dims_done (i32.ge_u (local.get $d) (local.get $bytes)))
                (local.set $acc
                  (f32x4.add (local.get $acc)
                    (f32x4.mul
                      (v128.load (i32.add (local.get $row) (local.get $d)))
                      (v128.load (i32.add (local.get $centre) (local.get $d))))))
                (local.set $d (i32.add (local.get $d) (i32.const 16)))
                (br $dims)))
            (f32.store (local.get $out) (f32.add
                (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $centres)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))
  (func (export "sparse") (param $offsets i32) (param $positions i32) (param $values i32) (param $n i32) (param $t i32) (param $k i32) (param $out i32)
    (local $i i32) (local $j i32) (local $end i32) (local $c i32) (local $row i32) (local $base i32) (local $at i32) (local $v f64) (local $vv v128) (local $rowBytes i32) (local $pairs i32)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 3)))
    ;; bytes of the centres that go two at a time
    (local.set $pairs (i32.shl (i32.shr_u (local.get $k) (i32.const 1)) (i32.const 4)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $row (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $rowBytes))))
        (memory.fill (local.get $row) (i32.const 0) (local.get $rowBytes))
        (local.set $j (i32.load (i32.add (local.get $offsets) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $end (i32.load (i32.add (local.get $offsets) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2)))))
        (block $terms_done
          (loop $terms
            (br_if $terms_done (i32.ge_u (local.get $j) (local.get $end)))
            (local.set $v (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $j) (i32.const 2))))))
            (local.set $vv (f64x2.splat (local.get $v)))
            (local.set $base (i32.add (local.get $t) (i32.mul (i32.load (i32.add (local.get $positions) (i32.shl (local.get $j) (i32.const 2)))) (local.get $rowBytes))))
            (local.set $c (i32.const 0))
            (block $pairs_done
              (loop $pair
                (br_if $pairs_done (i32.ge_u (local.get $c) (local.get $pairs)))
                (local.set $at (i32.add (local.get $row) (local.get $c)))
                (v128.store (local.get $at)
                  (f64x2.add (v128.load (local.get $at))
                    (f64x2.mul (local.get $vv) (v128.load (i32.add (local.get $base) (local.get $c))))))
                (local.set $c (i32.add (local.get $c) (i32.const 16)))
                (br $pair)))
            ;; an odd last centre
            (if (i32.lt_u (local.get $c) (local.get $rowBytes))
              (then
                (local.set $at (i32.add (local.get $row) (local.get $c)))
                (f64.store (local.get $at)
                  (f64.add (f64.load (local.get $at))
                    (f64.mul (local.get $v) (f64.load (i32.add (local.get $base) (local.get $c))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $terms)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))))
