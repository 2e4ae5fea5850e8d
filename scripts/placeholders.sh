#!/usr/bin/env bash
# Regenerates the sample book's placeholder images (the archive scans are
# not in the project). Usage: scripts/placeholders.sh [path/to/publish]
set -euo pipefail
cd "$(dirname "$0")/.."
P=${1:-bin/publish}
M="IMAGE DE REMPLACEMENT — PLACEHOLDER"
$P placeholder --width 2400 --height 1600 --line "$M" \
  --line "Plan des destructions du Port de Boulogne en octobre 1944" \
  --line "Archives départementales du Pas-de-Calais" images/plan-port-boulogne.jpg
$P placeholder --width 1500 --height 2000 --line "IMAGE DE REMPLACEMENT" --line "PLACEHOLDER" \
  --line "Reddition du général Heim" --line "Archives municipales" --line "de Boulogne-sur-Mer" images/reddition-heim.jpg
$P placeholder --width 2100 --height 1400 --line "$M" \
  --line "Le port de Boulogne-sur-Mer en ruines, 1944" --line "D.R." images/port-boulogne.jpg
$P placeholder --width 2100 --height 1400 --line "$M" \
  --line "Le port de Calais en ruines, 1944" --line "D.R." images/port-calais.jpg
