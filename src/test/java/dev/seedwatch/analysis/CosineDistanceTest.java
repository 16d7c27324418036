package dev.seedwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CosineDistanceTest {

    private static final double EPS = 1e-9;

    @Test
    void identicalVectorsAreZeroApart() {
        // cos = 1 -> 1 - 1 = 0
        assertThat(CosineDistance.between(new float[] { 1, 2, 3 }, new float[] { 1, 2, 3 })).isCloseTo(0.0,
                within(EPS));
    }

    @Test
    void orthogonalVectorsAreOneApart() {
        // dot 0 -> cos 0 -> 1
        assertThat(CosineDistance.between(new float[] { 1, 0 }, new float[] { 0, 1 })).isEqualTo(1.0);
        // (1,1,0).(1,-1,5) = 1 - 1 + 0 = 0 -> 1
        assertThat(CosineDistance.between(new float[] { 1, 1, 0 }, new float[] { 1, -1, 5 })).isCloseTo(1.0,
                within(EPS));
    }

    @Test
    void oppositeVectorsAreTwoApart() {
        // cos = -1 -> 1 - (-1) = 2
        assertThat(CosineDistance.between(new float[] { 1, 2, 3 }, new float[] { -1, -2, -3 })).isCloseTo(2.0,
                within(EPS));
        // exact for unit vectors: (1,0).(-1,0) = -1, norms 1 -> 2.0
        assertThat(CosineDistance.between(new float[] { 1, 0 }, new float[] { -1, 0 })).isEqualTo(2.0);
    }

    @Test
    void fortyFiveDegrees() {
        // (1,0).(1,1) = 1; |a|=1, |b|=sqrt 2 -> cos = 1/sqrt2 ≈ 0.70710678 -> 1 - 0.70710678 = 0.29289322
        assertThat(CosineDistance.between(new float[] { 1, 0 }, new float[] { 1, 1 }))
                .isCloseTo(1 - Math.sqrt(0.5), within(EPS));
    }

    @Test
    void knownAngle() {
        // (3,4).(4,3) = 24; |a|=|b|=5 -> cos = 24/25 = 0.96 -> 0.04
        assertThat(CosineDistance.between(new float[] { 3, 4 }, new float[] { 4, 3 })).isCloseTo(0.04, within(EPS));
    }

    @Test
    void emptyVectorIsOneFromAnything() {
        // zero vector: no direction, similarity taken as 0 -> distance 1
        assertThat(CosineDistance.between(new float[0], new float[] { 1, 2 })).isEqualTo(1.0);
        assertThat(CosineDistance.between(new float[] { 1, 2 }, new float[0])).isEqualTo(1.0);
        assertThat(CosineDistance.between(new float[0], new float[0])).isEqualTo(1.0);
    }

    @Test
    void allZeroVectorIsOneFromAnything() {
        // norm 0 -> 1
        assertThat(CosineDistance.between(new float[] { 0, 0, 0 }, new float[] { 1, 2, 3 })).isEqualTo(1.0);
        assertThat(CosineDistance.between(new float[] { 0, 0 }, new float[] { 0, 0 })).isEqualTo(1.0);
    }

    @Test
    void resultIsClampedToZeroTwo() {
        // float rounding of near-identical / near-opposite vectors can step outside [0, 2]; the result never does
        float[] a = { 0.1f, 0.2f, 0.3f, 0.7f, 1e-3f, 123.456f };
        float[] neg = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            neg[i] = -a[i];
        }
        double same = CosineDistance.between(a, a);
        double opposite = CosineDistance.between(a, neg);
        assertThat(same).isBetween(0.0, 2.0).isCloseTo(0.0, within(1e-6));
        assertThat(opposite).isBetween(0.0, 2.0).isCloseTo(2.0, within(1e-6));
        // many random-ish values: always within [0, 2]
        for (int k = 1; k < 200; k++) {
            float[] x = { k * 0.37f, -k * 1.1f, 3.3f / k };
            float[] y = { k * 0.37f, -k * 1.1f, 3.3f / k };
            float[] z = { -k * 0.37f, k * 1.1f, -3.3f / k };
            assertThat(CosineDistance.between(x, y)).isBetween(0.0, 2.0);
            assertThat(CosineDistance.between(x, z)).isBetween(0.0, 2.0);
        }
    }

    @Test
    void scaleInvariant() {
        float[] a = { 1, 2, 3 };
        float[] b = { 3, -1, 2 };
        float[] a10 = { 10, 20, 30 };
        float[] bHalf = { 1.5f, -0.5f, 1 };
        // a.b = 3 - 2 + 6 = 7; |a|^2 = 14, |b|^2 = 14 -> cos = 7/14 = 0.5 -> 0.5
        assertThat(CosineDistance.between(a, b)).isCloseTo(0.5, within(EPS));
        // scaling by positive factors does not change the angle -> still 0.5
        assertThat(CosineDistance.between(a10, bHalf)).isCloseTo(0.5, within(EPS));
        assertThat(CosineDistance.between(a10, a)).isCloseTo(0.0, within(EPS));
    }

    @Test
    void symmetric() {
        float[] a = { 1, 2, 3 };
        float[] b = { 3, -1, 2 };
        assertThat(CosineDistance.between(a, b)).isEqualTo(CosineDistance.between(b, a));
    }

    @Test
    void vectorsOfDifferentLengthAreRejected() {
        assertThatThrownBy(() -> CosineDistance.between(new float[] { 1, 2 }, new float[] { 1, 2, 3 }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
