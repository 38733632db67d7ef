;; The one hot loop of swotlens: dot products of many dense rows with many centres, four
;; single-precision lanes at a time (WebAssembly SIMD). Compiled by `npm run build:kernel` into
;; dense-kernel.ts; dense.ts has a plain-JS twin that gives the same bits.
;;
;; out[i*k + c] = Σ_d x[i*dim + d] · centres[c*dim + d]   for i < n, c < k
;; Lane j sums the products of dimensions d ≡ j (mod 4) in order; the row's dot product is
;; (lane0 + lane1) + (lane2 + lane3). dim is a multiple of 4; all addresses are byte offsets.
(module
  (memory (export "memory") 1)
  (func (export "dots") (param $x i32) (param $n i32) (param $centres i32) (param $k i32) (param $dim i32) (param $out i32)
    (local $i i32) (local $c i32) (local $d i32) (local $row i32) (local $centre i32) (local $bytes i32) (local $acc v128)
    (local.set $bytes (i32.shl (local.get $dim) (i32.const 2)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $row (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $bytes))))
        (local.set $c (i32.const 0))
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
            (f32.store (local.get $out)
              (f32.add
                (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $centres)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))))
