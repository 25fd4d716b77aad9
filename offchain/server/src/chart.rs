//! The partner's period chart, drawn server-side as SVG: its reward per epoch as bars
//! (left scale) and its share of TVL as a line (right scale). Every mark carries its
//! figure as a data attribute, so what the chart shows can be checked.
use crate::html::escape;
use crate::model::EpochPoint;
use referral_client::amount::units;
use std::fmt::Write as _;

const WIDTH: u32 = 720;
const HEIGHT: u32 = 240;
/// Room for the scales and the epoch labels.
const LEFT: u32 = 70;
const RIGHT: u32 = 60;
const TOP: u32 = 16;
const BOTTOM: u32 = 28;

/// The chart of `points`, or a line saying there is nothing to draw yet.
pub fn period_chart(points: &[EpochPoint]) -> String {
    if points.is_empty() {
        return "<p id=\"chart-empty\">No epoch of this period has ended yet.</p>".into();
    }
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let max_reward = points.iter().map(|p| p.reward).max().unwrap_or(0).max(1);
    let max_ppm = points.iter().map(|p| p.share_ppm()).max().unwrap_or(0).max(1);
    let n = u32::try_from(points.len()).unwrap_or(u32::MAX);
    let slot = plot_w / n.max(1);
    let bar_w = (slot * 3 / 5).max(1);
    let scale = |value: u128, max: u128| -> u32 {
        let h = value.saturating_mul(u128::from(plot_h)) / max;
        u32::try_from(h).unwrap_or(plot_h).min(plot_h)
    };
    let mut svg = format!(
        "<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         role=\"img\" aria-label=\"reward per epoch and share of TVL\" data-epochs=\"{}\">",
        points.len()
    );
    let base = TOP + plot_h;
    let _ = write!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#888\"/>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><text x=\"{}\" y=\"{base}\" text-anchor=\"end\">0</text>\
         <text x=\"{}\" y=\"{}\">{}%</text><text x=\"{}\" y=\"{base}\">0%</text>",
        LEFT + plot_w,
        LEFT - 6,
        TOP + 10,
        escape(&units(max_reward)),
        LEFT - 6,
        LEFT + plot_w + 6,
        TOP + 10,
        percent(max_ppm),
        LEFT + plot_w + 6,
    );
    let mut line = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        let x = LEFT + i.saturating_mul(slot) + (slot - bar_w) / 2;
        let h = scale(p.reward, max_reward);
        let _ = write!(
            svg,
            "<rect class=\"reward\" x=\"{x}\" y=\"{}\" width=\"{bar_w}\" height=\"{h}\" fill=\"#5b7ce0\" data-epoch=\"{}\" data-reward=\"{}\"><title>epoch {}: {} units</title></rect>",
            base - h,
            p.epoch,
            p.reward,
            p.epoch,
            escape(&units(p.reward)),
        );
        let cx = x + bar_w / 2;
        let cy = base - scale(u128::from(p.share_ppm()), u128::from(max_ppm));
        line.push(format!("{cx},{cy}"));
        let _ = write!(
            svg,
            "<circle class=\"share\" cx=\"{cx}\" cy=\"{cy}\" r=\"3\" fill=\"#e07b39\" data-epoch=\"{}\" data-ppm=\"{}\"><title>epoch {}: {}% of TVL</title></circle>",
            p.epoch,
            p.share_ppm(),
            p.epoch,
            percent(p.share_ppm()),
        );
        if points.len() <= 16 || i % 5 == 0 {
            let _ = write!(svg, "<text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\">{}</text>", base + 16, p.epoch);
        }
    }
    let _ = write!(
        svg,
        "<polyline class=\"share\" points=\"{}\" fill=\"none\" stroke=\"#e07b39\" stroke-width=\"2\"/>",
        line.join(" ")
    );
    svg.push_str("</svg><p class=\"legend\"><span style=\"color:#5b7ce0\">■</span> reward per epoch (units) · <span style=\"color:#e07b39\">●</span> share of TVL</p>");
    svg
}

/// Parts per million as a percentage with two decimals.
fn percent(ppm: u64) -> String {
    format!("{}.{:02}", ppm / 10_000, (ppm % 10_000) / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(epoch: u32, referred: u128, reward: u128) -> EpochPoint {
        EpochPoint { epoch, referred_share_seconds: referred, total_share_seconds: 1_000, reward }
    }

    #[test]
    fn every_epoch_gets_a_bar_and_a_point_scaled_to_the_largest() {
        let svg = period_chart(&[point(3, 100, 50), point(4, 250, 200), point(5, 0, 0)]);
        assert_eq!(svg.matches("<rect class=\"reward\"").count(), 3);
        assert_eq!(svg.matches("<circle class=\"share\"").count(), 3);
        assert!(svg.contains("data-epochs=\"3\""));
        // The largest reward fills the plot's height (240 - 16 - 28 = 196); a quarter of it, 49.
        assert!(svg.contains("height=\"196\" fill=\"#5b7ce0\" data-epoch=\"4\" data-reward=\"200\""), "{svg}");
        assert!(svg.contains("height=\"49\" fill=\"#5b7ce0\" data-epoch=\"3\" data-reward=\"50\""), "{svg}");
        assert!(svg.contains("data-epoch=\"4\" data-ppm=\"250000\""));
        assert!(svg.contains("25.00%"));
    }

    #[test]
    fn nothing_to_draw_says_so() {
        assert!(period_chart(&[]).contains("No epoch of this period has ended yet"));
        assert_eq!(percent(1_234_567), "123.45");
        assert_eq!(percent(5), "0.00");
    }
}
