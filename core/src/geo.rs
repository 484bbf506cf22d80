//! Distances on the ground, for "how far is it to walk".

/// Within this many metres' walk a place is in the resident's 15-minute
/// community service circle (社区一刻钟服务圈).
pub const SERVICE_CIRCLE_METRES: f64 = 1000.0;

/// Streets are not straight lines: a walk is about this much longer than
/// the distance as the crow flies.
const DETOUR: f64 = 1.25;

const EARTH_RADIUS_METRES: f64 = 6_371_008.8;

/// The great-circle distance in metres between two `[latitude, longitude]`
/// points in degrees (haversine).
pub fn distance_metres(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (lat1, lat2) = (a[0].to_radians(), b[0].to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b[1] - a[1]).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_METRES * h.sqrt().min(1.0).asin()
}

/// An estimate of the walking distance in metres.
pub fn walking_metres(a: [f64; 2], b: [f64; 2]) -> f64 {
    distance_metres(a, b) * DETOUR
}

/// Whether a walk of `metres` is within the 15-minute service circle.
pub fn in_service_circle(metres: f64) -> bool {
    metres <= SERVICE_CIRCLE_METRES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_match_known_points() {
        // Tiananmen to the Drum Tower: about 3.4 km as the crow flies.
        let d = distance_metres([39.9087, 116.3975], [39.9404, 116.3937]);
        assert!((d - 3540.0).abs() < 100.0, "{d}");
        assert_eq!(distance_metres([39.9, 116.4], [39.9, 116.4]), 0.0);
        assert!(in_service_circle(walking_metres(
            [39.9300, 116.4100],
            [39.9360, 116.4100]
        )));
        assert!(!in_service_circle(walking_metres(
            [39.9300, 116.4100],
            [39.9400, 116.4100]
        )));
    }
}
