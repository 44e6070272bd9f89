/** @jsxRuntime automatic @jsxImportSource hono/jsx */

/**
 * A pin on a static outline, no tile server: Mali's border (coarse, about 30 points, from public
 * boundary data rounded to a tenth of a degree) when the incident is in Mali, else a graticule
 * around the point. Degrees are drawn as they are (x = lon, y = -lat): fine at this scale.
 */
const MALI: readonly [number, number][] = [
  [-12.2, 14.7], [-11.4, 15.6], [-10.7, 15.1], [-9.3, 15.5], [-5.5, 15.5], [-5.3, 16.3], [-6.0, 21.0], [-6.5, 24.9],
  [-4.8, 25.0], [1.2, 21.3], [1.8, 20.6], [3.2, 19.8], [3.3, 19.1], [4.2, 19.2], [4.3, 16.9], [3.6, 15.6], [1.3, 15.3],
  [0.2, 14.9], [-1.0, 15.0], [-2.0, 14.2], [-3.0, 13.6], [-4.3, 13.2], [-5.2, 11.4], [-5.5, 10.4], [-6.2, 10.2],
  [-7.6, 10.4], [-8.3, 11.0], [-8.6, 11.3], [-9.3, 12.4], [-10.6, 11.9], [-11.4, 12.4], [-11.9, 13.4],
];

export function MapPin({ lat, lon, country, label }: { lat: number; lon: number; country: string; label: string }) {
  const useMali = country === 'ML' && lon > -13 && lon < 5 && lat > 9 && lat < 26;
  const [minLon, maxLon, minLat, maxLat] = useMali ? [-13, 5, 9.5, 25.5] : [lon - 8, lon + 8, lat - 6, lat + 6];
  const lines: number[] = [];
  for (let v = Math.ceil(minLon / 5) * 5; v <= maxLon; v += 5) lines.push(v);
  const lats: number[] = [];
  for (let v = Math.ceil(minLat / 5) * 5; v <= maxLat; v += 5) lats.push(v);
  return (
    <figure>
      <svg class="map" viewBox={`${minLon} ${-maxLat} ${maxLon - minLon} ${maxLat - minLat}`} role="img" aria-label={label}>
        {lines.map((v) => (
          <line class="graticule" x1={v} x2={v} y1={-maxLat} y2={-minLat} />
        ))}
        {lats.map((v) => (
          <line class="graticule" x1={minLon} x2={maxLon} y1={-v} y2={-v} />
        ))}
        {useMali ? <polygon class="outline" points={MALI.map(([x, y]) => `${x},${-y}`).join(' ')} /> : null}
        <circle class="pin" cx={lon} cy={-lat} r="0.45" />
      </svg>
      <figcaption class="muted">{`${lat}, ${lon}${useMali ? ' (Mali, coarse outline)' : ''}`}</figcaption>
    </figure>
  );
}
