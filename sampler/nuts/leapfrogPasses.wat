;; The per-coordinate passes of the diag_e leapfrog fused with NUTS bookkeeping (nuts.md §1.1),
;; in WebAssembly SIMD: two coordinates per f64x2 operation, no bounds checks. Compiled by
;; sampler/leapfrogPasses.build.ts into sampler/leapfrogPassesWasm.ts.
;;
;; Vectors are addressed by element offsets into the imported memory (a Float64Array of the
;; workspace); every vector is `n` long with n even: the workspace pads an odd dimension with a
;; coordinate that stays +0 in every vector but m (where it is 1), so it adds +0 to every sum. "g" is the gradient of
;; log pi, so Stan's p <- p - (eps/2) dV/dq is p + (eps/2) g here (the same floating-point value).
;; p_sharp = M^-1 p is never stored: m * p is recomputed where needed, the same product.
;;
;; Sums: (SUM.ADD $s x) adds both lanes of the f64x2 x to the f64 $s, lane 0 first, so every
;; sum runs over coordinates 0, 1, 2, ... in order, as a scalar loop would (the build script
;; expands the macro; see its header). (SUM.GET $s) reads the sum.
(module
  (import "env" "memory" (memory 1))
  (import "env" "log" (func $log (param f64) (result f64)))

  ;; AS 241 (normalQuantile.ts) for u in (0, 1), the same operations in the same order.
  (func $quantile (export "standardNormalQuantile") (param $u f64) (result f64)
    (local $q f64) (local $r f64) (local $z f64)
    (local.set $q (f64.sub (local.get $u) (f64.const 0.5)))
    (if (f64.le (f64.abs (local.get $q)) (f64.const 0.425))
      (then
        (local.set $r (f64.sub (f64.const 0.180625) (f64.mul (local.get $q) (local.get $q))))
        (local.set $z (f64.div
          (f64.mul (local.get $q) (HORNER $r 2.5090809287301226727e3 3.3430575583588128105e4 6.7265770927008700853e4
            4.5921953931549871457e4 1.3731693765509461125e4 1.9715909503065514427e3 1.3314166789178437745e2 3.387132872796366608))
          (HORNER $r 5.226495278852854561e3 2.8729085735721942674e4 3.930789580009271061e4 2.1213794301586595867e4
            5.3941960214247511077e3 6.871870074920579083e2 4.2313330701600911252e1 1))))
      (else
        (local.set $r (f64.sqrt (f64.neg (call $log
          (select (local.get $u) (f64.sub (f64.const 1) (local.get $u)) (f64.lt (local.get $q) (f64.const 0)))))))
        (if (f64.le (local.get $r) (f64.const 5))
          (then
            (local.set $r (f64.sub (local.get $r) (f64.const 1.6)))
            (local.set $z (f64.div
              (HORNER $r 7.7454501427834140764e-4 2.27238449892691845833e-2 2.4178072517745061177e-1 1.27045825245236838258
                3.64784832476320460504 5.7694972214606914055 4.6303378461565452959 1.42343711074968357734)
              (HORNER $r 1.05075007164441684324e-9 5.475938084995344946e-4 1.51986665636164571966e-2 1.4810397642748007459e-1
                6.8976733498510000455e-1 1.6763848301838038494 2.05319162663775882187 1))))
          (else
            (local.set $r (f64.sub (local.get $r) (f64.const 5)))
            (local.set $z (f64.div
              (HORNER $r 2.01033439929228813265e-7 2.71155556874348757815e-5 1.2426609473880784386e-3 2.6532189526576123093e-2
                2.9656057182850489123e-1 1.7848265399172913358 5.4637849111641143699 6.6579046435011037772)
              (HORNER $r 2.04426310338993978564e-15 1.4215117583164458887e-7 1.8463183175100546818e-5 7.868691311456132591e-4
                1.4875361290850614852e-2 1.3692988092273580531e-1 5.9983220655588793769e-1 1)))))
        (if (f64.lt (local.get $q) (f64.const 0)) (then (local.set $z (f64.neg (local.get $z)))))))
    (local.get $z)
  )

  ;; n standard normals into out, out + 1, ...: xoshiro256** (state: four i64 words at element
  ;; offset $state, read and written back) with uniform (k + 0.5) 2^-52 from the top 52 bits and
  ;; the AS 241 quantile, the same operations as rng.ts and normalQuantile.ts (log is Math.log).
  (func (export "xoshiroNormals") (param $n i32) (param $out i32) (param $state i32)
    (local $i i32) (local $end i32) (local $s0 i64) (local $s1 i64) (local $s2 i64) (local $s3 i64) (local $t i64)
    (local $u f64)
    (BYTES $out $state)
    (local.set $s0 (i64.load (local.get $state)))
    (local.set $s1 (i64.load offset=8 (local.get $state)))
    (local.set $s2 (i64.load offset=16 (local.get $state)))
    (local.set $s3 (i64.load offset=24 (local.get $state)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $u (f64.mul
        (f64.add (f64.convert_i64_u (i64.shr_u
          (i64.mul (i64.rotl (i64.mul (local.get $s1) (i64.const 5)) (i64.const 7)) (i64.const 9)) (i64.const 12))) (f64.const 0.5))
        (f64.const 0x1p-52)))
      (local.set $t (i64.shl (local.get $s1) (i64.const 17)))
      (local.set $s2 (i64.xor (local.get $s2) (local.get $s0)))
      (local.set $s3 (i64.xor (local.get $s3) (local.get $s1)))
      (local.set $s1 (i64.xor (local.get $s1) (local.get $s2)))
      (local.set $s0 (i64.xor (local.get $s0) (local.get $s3)))
      (local.set $s2 (i64.xor (local.get $s2) (local.get $t)))
      (local.set $s3 (i64.rotl (local.get $s3) (i64.const 45)))
      (f64.store (i32.add (local.get $out) (local.get $i)) (call $quantile (local.get $u)))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $next)))
    (i64.store (local.get $state) (local.get $s0))
    (i64.store offset=8 (local.get $state) (local.get $s1))
    (i64.store offset=16 (local.get $state) (local.get $s2))
    (i64.store offset=24 (local.get $state) (local.get $s3))
  )

  ;; Opening half kick and drift: p += (eps/2) g; q += eps (m p).
  (func (export "kickDrift") (param $n i32) (param $q i32) (param $p i32) (param $g i32) (param $m i32) (param $eps f64)
    (local $i i32) (local $end i32) (local $half v128) (local $e v128) (local $pi v128)
    (local.set $half (f64x2.splat (f64.mul (f64.const 0.5) (local.get $eps))))
    (local.set $e (f64x2.splat (local.get $eps)))
    (BYTES $q $p $g $m)
    (LOOP
      (local.set $pi (f64x2.add (v128.load (AT $p)) (f64x2.mul (local.get $half) (v128.load (AT $g)))))
      (v128.store (AT $p) (local.get $pi))
      (v128.store (AT $q) (f64x2.add (v128.load (AT $q)) (f64x2.mul (local.get $e) (f64x2.mul (v128.load (AT $m)) (local.get $pi))))))
  )

  ;; Fresh momentum from standard normals z already in p: p = z / sqrt(m), i.e. p ~ N(0, M)
  ;; (Stan's sample_p); returns p' M^-1 p. The pad coordinate of m is 1, so its p stays +0.
  (func (export "scaleMomentum") (param $n i32) (param $m i32) (param $p i32) (result f64)
    (local $i i32) (local $end i32) (local $mv v128) (local $pi v128) (local $t v128) (local $kin SUM)
    (BYTES $m $p)
    (LOOP
      (local.set $mv (v128.load (AT $m)))
      (local.set $pi (f64x2.div (v128.load (AT $p)) (f64x2.sqrt (local.get $mv))))
      (v128.store (AT $p) (local.get $pi))
      (SUM.ADD $kin (f64x2.mul (local.get $pi) (f64x2.mul (local.get $mv) (local.get $pi)))))
    (SUM.GET $kin)
  )

  ;; Closing half kick alone; returns p' M^-1 p.
  (func (export "closeKick") (param $n i32) (param $p i32) (param $g i32) (param $m i32) (param $half f64) (result f64)
    (local $i i32) (local $end i32) (local $h v128) (local $pi v128) (local $t v128) (local $kin SUM)
    (local.set $h (f64x2.splat (local.get $half)))
    (BYTES $p $g $m)
    (LOOP
      (local.set $pi (f64x2.add (v128.load (AT $p)) (f64x2.mul (local.get $h) (v128.load (AT $g)))))
      (v128.store (AT $p) (local.get $pi))
      (SUM.ADD $kin (f64x2.mul (local.get $pi) (f64x2.mul (v128.load (AT $m)) (local.get $pi)))))
    (SUM.GET $kin)
  )

  ;; Closing half kick of a lone new state; writes p to pBeg, pEnd and rho (a one-state
  ;; subtree's ends and momentum sum). Returns p' M^-1 p.
  (func (export "closeLoneState") (param $n i32) (param $p i32) (param $g i32) (param $m i32) (param $half f64)
        (param $pBeg i32) (param $pEnd i32) (param $rho i32) (result f64)
    (local $i i32) (local $end i32) (local $h v128) (local $pi v128) (local $t v128) (local $kin SUM)
    (local.set $h (f64x2.splat (local.get $half)))
    (BYTES $p $g $m $pBeg $pEnd $rho)
    (LOOP
      (local.set $pi (f64x2.add (v128.load (AT $p)) (f64x2.mul (local.get $h) (v128.load (AT $g)))))
      (v128.store (AT $p) (local.get $pi))
      (SUM.ADD $kin (f64x2.mul (local.get $pi) (f64x2.mul (v128.load (AT $m)) (local.get $pi))))
      (v128.store (AT $pBeg) (local.get $pi))
      (v128.store (AT $pEnd) (local.get $pi))
      (v128.store (AT $rho) (local.get $pi)))
    (SUM.GET $kin)
  )

  ;; Closes the first state of a pair (p to pBeg, q copied to proposeQ) and, as the gradient is
  ;; the same, opens the second step in place. Returns p' M^-1 p of the first state.
  (func (export "closeFirstOpenSecond") (param $n i32) (param $q i32) (param $p i32) (param $g i32) (param $m i32) (param $eps f64)
        (param $pBeg i32) (param $proposeQ i32) (result f64)
    (local $i i32) (local $end i32) (local $half v128) (local $e v128) (local $gv v128) (local $mv v128) (local $pi v128)
    (local $qi v128) (local $pn v128) (local $t v128) (local $kin SUM)
    (local.set $half (f64x2.splat (f64.mul (f64.const 0.5) (local.get $eps))))
    (local.set $e (f64x2.splat (local.get $eps)))
    (BYTES $q $p $g $m $pBeg $proposeQ)
    (LOOP
      (local.set $gv (v128.load (AT $g)))
      (local.set $pi (f64x2.add (v128.load (AT $p)) (f64x2.mul (local.get $half) (local.get $gv))))
      (local.set $mv (v128.load (AT $m)))
      (SUM.ADD $kin (f64x2.mul (local.get $pi) (f64x2.mul (local.get $mv) (local.get $pi))))
      (v128.store (AT $pBeg) (local.get $pi))
      (local.set $qi (v128.load (AT $q)))
      (v128.store (AT $proposeQ) (local.get $qi))
      (local.set $pn (f64x2.add (local.get $pi) (f64x2.mul (local.get $half) (local.get $gv))))
      (v128.store (AT $p) (local.get $pn))
      (v128.store (AT $q) (f64x2.add (local.get $qi) (f64x2.mul (local.get $e) (f64x2.mul (local.get $mv) (local.get $pn))))))
    (SUM.GET $kin)
  )

  ;; Closes the second state of a pair (p to pEnd; the state's own p is left stale, it is never
  ;; read again) with the pair's U-turn check: rho = pBeg + p, and out = [p' M^-1 p,
  ;; (m pEnd) . rho, (m pBeg) . rho]. As the gradient is the same, it opens the next step of size
  ;; eps into qNext / pNext without moving the state.
  (func (export "closeSecondOfPair") (param $n i32) (param $q i32) (param $p i32) (param $g i32) (param $m i32) (param $eps f64)
        (param $pBeg i32) (param $pEnd i32) (param $rho i32) (param $qNext i32) (param $pNext i32) (param $out i32)
    (local $i i32) (local $end i32) (local $half v128) (local $e v128) (local $gv v128) (local $mv v128) (local $pi v128)
    (local $psi v128) (local $pb v128) (local $r v128) (local $pn v128) (local $t v128)
    (local $kin SUM) (local $endDot SUM) (local $begDot SUM)
    (local.set $half (f64x2.splat (f64.mul (f64.const 0.5) (local.get $eps))))
    (local.set $e (f64x2.splat (local.get $eps)))
    (local.set $out (i32.shl (local.get $out) (i32.const 3)))
    (BYTES $q $p $g $m $pBeg $pEnd $rho $qNext $pNext)
    (LOOP
      (local.set $gv (v128.load (AT $g)))
      (local.set $pi (f64x2.add (v128.load (AT $p)) (f64x2.mul (local.get $half) (local.get $gv))))
      (local.set $mv (v128.load (AT $m)))
      (local.set $psi (f64x2.mul (local.get $mv) (local.get $pi)))
      (SUM.ADD $kin (f64x2.mul (local.get $pi) (local.get $psi)))
      (v128.store (AT $pEnd) (local.get $pi))
      (local.set $pb (v128.load (AT $pBeg)))
      (local.set $r (f64x2.add (local.get $pb) (local.get $pi)))
      (v128.store (AT $rho) (local.get $r))
      (SUM.ADD $endDot (f64x2.mul (local.get $psi) (local.get $r)))
      (SUM.ADD $begDot (f64x2.mul (f64x2.mul (local.get $mv) (local.get $pb)) (local.get $r)))
      (local.set $pn (f64x2.add (local.get $pi) (f64x2.mul (local.get $half) (local.get $gv))))
      (v128.store (AT $pNext) (local.get $pn))
      (v128.store (AT $qNext) (f64x2.add (v128.load (AT $q)) (f64x2.mul (local.get $e) (f64x2.mul (local.get $mv) (local.get $pn))))))
    (f64.store (local.get $out) (SUM.GET $kin))
    (f64.store offset=8 (local.get $out) (SUM.GET $endDot))
    (f64.store offset=16 (local.get $out) (SUM.GET $begDot))
  )

  ;; Merge step of the generalized no-U-turn criterion (see uTurn.ts): rho = rhoInit + rhoFinal
  ;; and 1 when all three checks hold, else 0.
  (func (export "mergeNoUTurn") (param $n i32) (param $m i32) (param $pBeg i32) (param $pEnd i32) (param $pInitEnd i32)
        (param $pFinalBeg i32) (param $rhoInit i32) (param $rhoFinal i32) (param $rho i32) (result i32)
    (local $i i32) (local $end i32) (local $mv v128) (local $ri v128) (local $rf v128) (local $r v128) (local $left v128)
    (local $right v128) (local $sEnd v128) (local $sBeg v128) (local $t v128)
    (local $endWhole SUM) (local $begWhole SUM) (local $finalBegLeft SUM) (local $begLeft SUM) (local $endRight SUM) (local $initEndRight SUM)
    (BYTES $m $pBeg $pEnd $pInitEnd $pFinalBeg $rhoInit $rhoFinal $rho)
    (LOOP
      (local.set $mv (v128.load (AT $m)))
      (local.set $ri (v128.load (AT $rhoInit)))
      (local.set $rf (v128.load (AT $rhoFinal)))
      (local.set $r (f64x2.add (local.get $ri) (local.get $rf)))
      (v128.store (AT $rho) (local.get $r))
      (local.set $left (f64x2.add (local.get $ri) (v128.load (AT $pFinalBeg))))
      (local.set $right (f64x2.add (local.get $rf) (v128.load (AT $pInitEnd))))
      (local.set $sEnd (f64x2.mul (local.get $mv) (v128.load (AT $pEnd))))
      (local.set $sBeg (f64x2.mul (local.get $mv) (v128.load (AT $pBeg))))
      (SUM.ADD $endWhole (f64x2.mul (local.get $sEnd) (local.get $r)))
      (SUM.ADD $begWhole (f64x2.mul (local.get $sBeg) (local.get $r)))
      (SUM.ADD $finalBegLeft (f64x2.mul (f64x2.mul (local.get $mv) (v128.load (AT $pFinalBeg))) (local.get $left)))
      (SUM.ADD $begLeft (f64x2.mul (local.get $sBeg) (local.get $left)))
      (SUM.ADD $endRight (f64x2.mul (local.get $sEnd) (local.get $right)))
      (SUM.ADD $initEndRight (f64x2.mul (f64x2.mul (local.get $mv) (v128.load (AT $pInitEnd))) (local.get $right))))
    (i32.and
      (i32.and
        (i32.and (f64.gt (SUM.GET $endWhole) (f64.const 0)) (f64.gt (SUM.GET $begWhole) (f64.const 0)))
        (i32.and (f64.gt (SUM.GET $finalBegLeft) (f64.const 0)) (f64.gt (SUM.GET $begLeft) (f64.const 0))))
      (i32.and (f64.gt (SUM.GET $endRight) (f64.const 0)) (f64.gt (SUM.GET $initEndRight) (f64.const 0))))
  )
)
