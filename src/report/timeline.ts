/**
 * The counterexample as a swimlane timeline, for report.html: one lane per actor that did something
 * (plus an "end-state check" lane when the violation has no actor), steps left to right in the order
 * they ran, one mark per step, and the violation marked. The page embeds the data as JSON and an
 * inline script draws the SVG, so the browser test proves the page really renders (no network, no
 * library). Stable hooks for tests: #timeline[data-rendered="true"][data-lanes], g.lane[data-actor],
 * rect.step[data-step], #violation-marker.
 */
import type { Counterexample } from './summary-schema.js';

/** JSON for a <script type="application/json"> block: nothing in it can close the script. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export const TIMELINE_CSS = `
#timeline{overflow-x:auto;border:1px solid #ccd;background:#fcfcff;padding:4px}
#timeline svg{display:block}
#timeline .lane-label{font:12px monospace;fill:#223}
#timeline .lane-line{stroke:#dde;stroke-width:1}
#timeline rect.step{fill:#4a78c2}
#timeline rect.step:hover{fill:#f0a020}
#timeline .violation-line{stroke:#d01010;stroke-width:2;stroke-dasharray:4 3}
#timeline .violation-dot{fill:#d01010}
#timeline-detail{font:12px monospace;min-height:1.4em;color:#333}`;

/**
 * The inline renderer: reads #timeline-data, draws lanes, steps and the marker into #timeline. Linear
 * in the trace (lookups through objects, one hover handler for the whole drawing), so a liveness run
 * of 200,000 rows draws in one pass.
 */
const RENDER = `(function(){
var NS='http://www.w3.org/2000/svg';
var box=document.getElementById('timeline');var data=JSON.parse(document.getElementById('timeline-data').textContent);
function el(n,a,p){var e=document.createElementNS(NS,n);for(var k in a)e.setAttribute(k,a[k]);if(p)p.appendChild(e);return e;}
var lanes=[],laneSeen={},steps=[],stepSeen={},byKey={},keys=[];
data.trace.forEach(function(r){
  if(!stepSeen[r.step]){stepSeen[r.step]=1;steps.push(r.step);}
  if(r.actor<0)return;
  if(!laneSeen[r.actor]){laneSeen[r.actor]=1;lanes.push(r.actor);}
  var k=r.step+':'+r.actor;if(!byKey[k]){byKey[k]={step:r.step,actor:r.actor,texts:[]};keys.push(k);}byKey[k].texts.push(r.text);
});
lanes.sort(function(a,b){return a-b;});
if(data.violation.actor<0||!laneSeen[data.violation.actor])lanes.push(data.violation.actor);
if(!stepSeen[data.violation.step])steps.push(data.violation.step);
steps.sort(function(a,b){return a-b;});
var laneAt={},stepAt={};lanes.forEach(function(a,i){laneAt[a]=i;});steps.forEach(function(s,i){stepAt[s]=i;});
var LW=150,room=Math.max(600,(box.clientWidth||1200)-LW-40),SW=Math.max(3,Math.min(14,Math.floor(room/Math.max(1,steps.length)))),LH=26,TOP=6;
var W=LW+steps.length*SW+30,H=TOP+lanes.length*LH+8;
var svg=el('svg',{width:W,height:H,viewBox:'0 0 '+W+' '+H,role:'img','aria-label':'timeline of the counterexample'},box);
var x=function(step){return LW+stepAt[step]*SW;};
var y=function(actor){return TOP+laneAt[actor]*LH;};
var laneG={};
lanes.forEach(function(a){
  var name=a<0?'end-state check':data.actorNames[a];
  var g=laneG[a]=el('g',{'class':'lane',id:'lane-'+(a<0?'check':a),'data-actor':name},svg);
  el('line',{'class':'lane-line',x1:LW,x2:W-10,y1:y(a)+LH/2,y2:y(a)+LH/2},g);
  el('text',{'class':'lane-label',x:4,y:y(a)+LH/2+4},g).textContent=name;
});
var detail=document.getElementById('timeline-detail');
keys.forEach(function(k){var s=byKey[k];
  var r=el('rect',{'class':'step',x:x(s.step),y:y(s.actor)+5,width:Math.max(2,SW-1),height:LH-10,'data-step':s.step,'data-key':k},laneG[s.actor]);
  el('title',{},r).textContent='step '+s.step+': '+s.texts.join(' | ');
});
svg.addEventListener('mouseover',function(e){var k=e.target.getAttribute&&e.target.getAttribute('data-key');var s=k&&byKey[k];
  if(s)detail.textContent=data.actorNames[s.actor]+' step '+s.step+': '+s.texts.join(' | ');});
var vx=x(data.violation.step)+SW/2,vy=y(data.violation.actor)+LH/2;
var m=el('g',{id:'violation-marker','class':'violation-marker','data-step':data.violation.step,'data-invariant':data.invariant},svg);
el('line',{'class':'violation-line',x1:vx,x2:vx,y1:2,y2:H-2},m);
el('circle',{'class':'violation-dot',cx:vx,cy:vy,r:6},m);
el('title',{},m).textContent='VIOLATION '+data.invariant+': '+data.message;
box.setAttribute('data-lanes',String(lanes.length));box.setAttribute('data-rendered','true');
})();`;

export function timelineHtml(cx: Counterexample): string {
  const data = { actorNames: cx.actorNames, trace: cx.trace, violation: cx.violation, invariant: cx.invariant, message: cx.message };
  return [
    '<div id="timeline" data-rendered="false"><noscript>The timeline is drawn by an inline script; the column trace below shows the same run.</noscript></div>',
    '<div id="timeline-detail"></div>',
    `<script type="application/json" id="timeline-data">${scriptJson(data)}</script>`,
    `<script>${RENDER}</script>`,
  ].join('\n');
}
